namespace Tally.Web.Features.Audit;

internal static class AuditSetup
{
    public static IServiceCollection AddTallyAudit(this IServiceCollection services) =>
        services.AddHostedService<AuditSealer>().AddHostedService<AuditVerifier>();
}
