namespace Tally.Web.Features.Identity;

/// <summary>A team member as their cookie carries them: one account, in one studio.</summary>
/// <param name="SecurityStamp">Changes when every session of the member must end (see auth.team_session).</param>
public sealed record TeamMember(
    Guid StudioId,
    Guid UserId,
    string Email,
    string FullName,
    string Role,
    bool CanViewAnalytics,
    bool CanManagePayments,
    bool CanManageTeam,
    Guid SecurityStamp)
{
    /// <summary>The permission flags the member holds, by their column names (the perm claims).</summary>
    public IEnumerable<string> Permissions
    {
        get
        {
            if (CanViewAnalytics)
            {
                yield return TeamPermissions.ViewAnalytics;
            }
            if (CanManagePayments)
            {
                yield return TeamPermissions.ManagePayments;
            }
            if (CanManageTeam)
            {
                yield return TeamPermissions.ManageTeam;
            }
        }
    }
}
