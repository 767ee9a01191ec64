using System.Security.Claims;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Identity;

/// <summary>A team member's cookie principal: the claims RequestClaims hands to the database, plus name and stamp.</summary>
public static class TeamPrincipal
{
    /// <summary>The member's full name, for the page header.</summary>
    public const string NameClaim = "name";

    /// <summary>The security stamp the cookie was issued with; see auth.team_session.</summary>
    public const string SecurityStampClaim = "tally_stamp";

    public static ClaimsPrincipal Create(TeamMember member)
    {
        List<Claim> claims =
        [
            new(TallyClaimTypes.UserId, member.UserId.ToString()),
            new(TallyClaimTypes.Email, member.Email),
            new(TallyClaimTypes.Role, member.Role),
            new(TallyClaimTypes.StudioId, member.StudioId.ToString()),
            new(NameClaim, member.FullName),
            new(SecurityStampClaim, member.SecurityStamp.ToString()),
        ];
        claims.AddRange(member.Permissions.Select(p => new Claim(TallyClaimTypes.Permission, p)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, TallyAuthentication.Cookie, NameClaim, TallyClaimTypes.Role));
    }

    /// <summary>True for a principal of a team member (owner, admin, staff, bookkeeper), not a portal client.</summary>
    public static bool HasTeamRole(ClaimsPrincipal principal) =>
        principal.FindFirstValue(TallyClaimTypes.Role) is { } role && TallyRoles.Team.Contains(role);

    /// <summary>True for a principal of a team member signed in with a password (not a portal client, not a bearer token).</summary>
    public static bool IsTeamCookie(ClaimsPrincipal principal) =>
        HasTeamRole(principal) && principal.HasClaim(c => c.Type == SecurityStampClaim);

    /// <summary>The ids and stamp a team cookie names, or null when any is missing or malformed.</summary>
    public static (Guid StudioId, Guid UserId, Guid Stamp)? Keys(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(TallyClaimTypes.StudioId), out var studio)
        && Guid.TryParse(principal.FindFirstValue(TallyClaimTypes.UserId), out var user)
        && Guid.TryParse(principal.FindFirstValue(SecurityStampClaim), out var stamp)
            ? (studio, user, stamp)
            : null;

    /// <summary>True when the principal already carries exactly these claims (nothing to refresh).</summary>
    public static bool Matches(ClaimsPrincipal principal, TeamMember member) =>
        principal.FindFirstValue(TallyClaimTypes.Email) == member.Email
        && principal.FindFirstValue(TallyClaimTypes.Role) == member.Role
        && principal.FindFirstValue(NameClaim) == member.FullName
        && principal.FindAll(TallyClaimTypes.Permission).Select(c => c.Value).Order(StringComparer.Ordinal)
            .SequenceEqual(member.Permissions.Order(StringComparer.Ordinal));

    public static string DisplayName(ClaimsPrincipal principal) =>
        principal.FindFirstValue(NameClaim) is { Length: > 0 } name ? name : principal.FindFirstValue(TallyClaimTypes.Email) ?? "";
}
