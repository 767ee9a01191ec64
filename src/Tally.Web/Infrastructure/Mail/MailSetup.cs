namespace Tally.Web.Infrastructure.Mail;

internal static class MailSetup
{
    public static IServiceCollection AddTallyMail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MailSettings>(configuration.GetSection(MailSettings.Section));
        services.AddSingleton<LocalMailbox>();
        // One instance, both the hosted service and what the sender asks for the port.
        services.AddSingleton<LocalSmtpServer>();
        services.AddHostedService(sp => sp.GetRequiredService<LocalSmtpServer>());
        services.AddSingleton<IMailSender, SmtpMailSender>();
        services.AddSingleton<MailOutbox>();
        services.AddHostedService<MailDelivery>();
        return services;
    }
}
