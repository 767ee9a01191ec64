using System.Security.Claims;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Tally.Data.Security;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Portal;

/// <summary>A client the portal signs in, as a SECURITY DEFINER function returned them.</summary>
internal sealed record PortalClient(Guid StudioId, string StudioSlug, Guid ClientId, string Email);

/// <summary>Signing a client in: one-time secrets in, the shared cookie out.</summary>
internal static class PortalSignIn
{
    /// <summary>
    /// Redeems a sign-in link or accepts an invitation (<paramref name="function"/>), once. Null when the
    /// secret is malformed, unknown, used, expired or revoked: all look the same to the caller.
    /// </summary>
    public static async Task<PortalClient?> RedeemAsync(TallyDb db, string function, string? secret, CancellationToken ct)
    {
        if (!Secrets.IsWellFormed(secret))
        {
            return null;
        }
        var conn = await db.ConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<PortalClient>(new CommandDefinition(
            $"SELECT studio_id AS studioid, studio_slug AS studioslug, client_id AS clientid, email FROM {function}(@hash)",
            new { hash = Secrets.Hash(secret!) }, cancellationToken: ct));
    }

    public const string RedeemLink = "auth.redeem_client_sign_in_link";
    public const string AcceptInvitation = "auth.accept_client_invitation";

    /// <summary>Signs the client in with the cookie team members use; the role claim tells them apart.</summary>
    public static Task SignInAsync(HttpContext http, PortalClient client) =>
        http.SignInAsync(TallyAuthentication.Cookie, Principal(client));

    public static ClaimsPrincipal Principal(PortalClient client)
    {
        List<Claim> claims =
        [
            new(TallyClaimTypes.UserId, client.ClientId.ToString()),
            new(TallyClaimTypes.Email, client.Email),
            new(TallyClaimTypes.Role, TallyRoles.Client),
            new(TallyClaimTypes.StudioId, client.StudioId.ToString()),
            new(TallyClaimTypes.ClientId, client.ClientId.ToString()),
            new(PortalStudioSlugClaim, client.StudioSlug),
        ];
        return new ClaimsPrincipal(new ClaimsIdentity(claims, TallyAuthentication.Cookie, TallyClaimTypes.Email, TallyClaimTypes.Role));
    }

    /// <summary>The studio's slug, so signing out can return to that studio's sign-in page.</summary>
    public const string PortalStudioSlugClaim = "studio_slug";
}
