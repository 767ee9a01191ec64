namespace Tally.Web.Features.Portal;

internal static class PortalServices
{
    public static IServiceCollection AddTallyPortal(this IServiceCollection services) => services.AddSingleton<PortalMail>().AddPortalSessionValidation();
}
