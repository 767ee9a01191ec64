using System.Security.Claims;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Identity;

/// <summary>The permission flags of admin_users and who may manage the team.</summary>
public static class TeamPermissions
{
    public const string ViewAnalytics = "can_view_analytics";
    public const string ManagePayments = "can_manage_payments";
    public const string ManageTeam = "can_manage_team";

    /// <summary>Authorization policy of the team page: owners, admins, and members holding can_manage_team.</summary>
    public const string ManagersPolicy = "team-managers";

    public static bool CanManageTeam(ClaimsPrincipal user)
    {
        var role = user.FindFirstValue(TallyClaimTypes.Role);
        return role is TallyRoles.Owner or TallyRoles.Admin
            || (role is not null && TallyRoles.Team.Contains(role) && user.HasClaim(TallyClaimTypes.Permission, ManageTeam));
    }

    /// <summary>
    /// The roles a manager may give (by invitation or change) and take away: nobody hands out or
    /// touches a role above their own. The same rule as the admin_users and admin_invitations
    /// write policies, which refuse anything else whatever this code does.
    /// </summary>
    public static IReadOnlyList<string> AssignableRoles(ClaimsPrincipal user) => user.FindFirstValue(TallyClaimTypes.Role) switch
    {
        TallyRoles.Owner => [TallyRoles.Owner, TallyRoles.Admin, TallyRoles.Staff, TallyRoles.Bookkeeper],
        TallyRoles.Admin => [TallyRoles.Admin, TallyRoles.Staff, TallyRoles.Bookkeeper],
        _ when CanManageTeam(user) => [TallyRoles.Staff, TallyRoles.Bookkeeper],
        _ => [],
    };

    /// <summary>
    /// The permission flags a role starts with (on acceptance of an invitation and on a change of
    /// role), as auth.accept_admin_invitation sets them: owners hold everything, admins run the
    /// studio and its team, bookkeepers handle money and its reports, staff work their sessions.
    /// </summary>
    public static (bool ViewAnalytics, bool ManagePayments, bool ManageTeam) DefaultsFor(string role) => role switch
    {
        TallyRoles.Owner => (true, true, true),
        TallyRoles.Admin => (true, false, true),
        TallyRoles.Bookkeeper => (true, true, false),
        _ => (false, false, false),
    };

    /// <summary>"bookkeeper" → "Bookkeeper".</summary>
    public static string RoleLabel(string role) => role.Length == 0 ? role : char.ToUpperInvariant(role[0]) + role[1..];
}
