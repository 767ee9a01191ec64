namespace Tally.Web.Features.Identity.Pages;

/// <summary>The invitation form of the team page (Invite.Email, Invite.Role).</summary>
public sealed class InviteInput
{
    public string? Email { get; set; }

    public string? Role { get; set; }
}

/// <summary>The field of a member row's role form (Member.Role); the row's form says whose.</summary>
public sealed class MemberInput
{
    public string? Role { get; set; }
}
