using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Authentication.Cookies;
using Npgsql;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Portal;

/// <summary>
/// Checks a portal client's cookie on every request: a client who was removed, or whose portal
/// access was revoked, is signed out at once rather than when the 12-hour cookie runs out.
/// </summary>
internal static class PortalSessionValidation
{
    public static IServiceCollection AddPortalSessionValidation(this IServiceCollection services) =>
        services.AddSessionValidation(p => p.FindFirstValue(TallyClaimTypes.Role) == TallyRoles.Client, ValidateAsync);

    private static async Task ValidateAsync(CookieValidatePrincipalContext context, ClaimsPrincipal principal)
    {
        var valid = false;
        if (Guid.TryParse(principal.FindFirstValue(TallyClaimTypes.StudioId), out var studio)
            && Guid.TryParse(principal.FindFirstValue(TallyClaimTypes.ClientId), out var client))
        {
            // From the pool, not the request's TallyDb, whose claims come from the principal being checked.
            var dataSource = context.HttpContext.RequestServices.GetRequiredService<NpgsqlDataSource>();
            var ct = context.HttpContext.RequestAborted;
            await using var conn = await dataSource.OpenConnectionAsync(ct);
            valid = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT auth.portal_session_is_valid(@studio, @client)", new { studio, client }, cancellationToken: ct));
        }
        if (!valid)
        {
            await SessionValidation.RejectAsync(context);
        }
    }
}
