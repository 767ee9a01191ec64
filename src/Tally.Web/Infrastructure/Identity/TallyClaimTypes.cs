namespace Tally.Web.Infrastructure.Identity;

/// <summary>The claim types Tally puts in its cookies' and tokens' principals.</summary>
public static class TallyClaimTypes
{
    public const string UserId = "sub";
    public const string Email = "email";
    public const string Role = "tally_role";
    public const string StudioId = "studio_id";
    public const string ClientId = "client_id";
    /// <summary>One claim per permission flag the team member holds, e.g. can_view_analytics.</summary>
    public const string Permission = "perm";
}

/// <summary>The roles the database knows (see auth.role()).</summary>
public static class TallyRoles
{
    public const string Owner = "owner";
    public const string Admin = "admin";
    public const string Staff = "staff";
    public const string Bookkeeper = "bookkeeper";
    public const string Client = "client";
    public const string System = "system";
    public const string Anonymous = "anon";

    public static readonly IReadOnlyList<string> Team = [Owner, Admin, Staff, Bookkeeper];
}
