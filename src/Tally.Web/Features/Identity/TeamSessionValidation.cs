using Dapper;
using Microsoft.AspNetCore.Authentication.Cookies;
using Npgsql;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Identity;

/// <summary>
/// Checks a team cookie against the database on every request (one call of auth.team_session): a
/// deactivated member, or one whose security stamp changed (password reset), is signed out at
/// once, and a changed role or permission reaches the claims of the very next request. A cookie
/// is otherwise valid for 12 hours, far too long to trust what it says about a person's access.
/// </summary>
internal static class TeamSessionValidation
{
    // Every team cookie, so one without a stamp (which this app never issues) is refused too.
    public static IServiceCollection AddTeamSessionValidation(this IServiceCollection services) =>
        services.AddSessionValidation(TeamPrincipal.HasTeamRole, ValidateAsync);

    internal sealed record Session(string Email, string FullName, string Role, bool CanViewAnalytics, bool CanManagePayments, bool CanManageTeam);

    private static async Task ValidateAsync(CookieValidatePrincipalContext context, System.Security.Claims.ClaimsPrincipal principal)
    {
        if (TeamPrincipal.Keys(principal) is not { } keys)
        {
            await SessionValidation.RejectAsync(context);
            return;
        }
        // Straight from the pool, not the request's TallyDb: that takes its claims from the
        // principal this check is still deciding on. The definer function needs no claims.
        var dataSource = context.HttpContext.RequestServices.GetRequiredService<NpgsqlDataSource>();
        var ct = context.HttpContext.RequestAborted;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var session = await conn.QuerySingleOrDefaultAsync<Session>(new CommandDefinition("""
            SELECT email, full_name AS fullname, role, can_view_analytics AS canviewanalytics,
                   can_manage_payments AS canmanagepayments, can_manage_team AS canmanageteam
            FROM auth.team_session(@studioId, @userId, @stamp)
            """, new { studioId = keys.StudioId, userId = keys.UserId, stamp = keys.Stamp }, cancellationToken: ct));
        if (session is null)
        {
            await SessionValidation.RejectAsync(context);
            return;
        }
        var member = new TeamMember(keys.StudioId, keys.UserId, session.Email, session.FullName, session.Role,
            session.CanViewAnalytics, session.CanManagePayments, session.CanManageTeam, keys.Stamp);
        if (!TeamPrincipal.Matches(principal, member))
        {
            context.ReplacePrincipal(TeamPrincipal.Create(member));
            context.ShouldRenew = true;
        }
    }

}
