using System.Text.Json;

namespace Tally.Tests.Security;

/// <summary>
/// Who a request is, as the claims the app sets with set_config('request.jwt.claims', …, true).
/// Every identity but admin-b belongs to studio A.
/// </summary>
internal sealed record SqlIdentity(string Name, string Description, Func<StudioRows, StudioRows, object> Build)
{
    public const string Anonymous = "anon";
    public const string ClientA1 = "client-a1";
    public const string ClientA2 = "client-a2";
    public const string Staff = "staff";
    public const string TeamManager = "team-manager";
    public const string Bookkeeper = "bookkeeper";
    public const string Admin = "admin";
    public const string Owner = "owner";
    public const string System = "system";
    public const string AdminOfB = "admin-b";

    private static readonly Dictionary<string, bool> NoPermissions = [];

    /// <summary>In the order of the columns of <see cref="AuthorizationMatrix"/>.</summary>
    public static IReadOnlyList<SqlIdentity> All { get; } =
    [
        // A visitor of studio A's public pages: the studio is known, nobody is signed in.
        new(Anonymous, "anonymous visitor", (a, _) => new { role = "anon", studio_id = a.Studio }),
        new(ClientA1, "client A1", (a, _) => Client(a, a.ClientA1, "a1")),
        new(ClientA2, "client A2 of the same studio", (a, _) => Client(a, a.ClientA2, "a2")),
        new(Staff, "staff, no permissions", (a, _) => Team(a, a.Staff, "staff", NoPermissions)),
        new(TeamManager, "staff holding can_manage_team", (a, _) => Team(a, a.Manager, "staff", new() { ["can_manage_team"] = true })),
        new(Bookkeeper, "bookkeeper holding can_manage_payments", (a, _) => Team(a, a.Bookkeeper, "bookkeeper", new() { ["can_manage_payments"] = true })),
        new(Admin, "admin without can_manage_payments/team", (a, _) => Team(a, a.Admin, "admin", new() { ["can_view_analytics"] = true })),
        new(Owner, "owner (claims carry no flags: owners hold them all)", (a, _) => Team(a, a.Owner, "owner", NoPermissions)),
        new(System, "system identity of studio A", (a, _) => new { role = "system", studio_id = a.Studio, email = "system:tests", request_id = "job:tests" }),
        new(AdminOfB, "admin of studio B with every permission", (_, b) => Team(b, b.Admin, "admin", new()
        {
            ["can_view_analytics"] = true, ["can_manage_payments"] = true, ["can_manage_team"] = true,
        })),
    ];

    public static SqlIdentity Named(string name) => All.Single(i => i.Name == name);

    public string Claims(StudioRows a, StudioRows b) => JsonSerializer.Serialize(Build(a, b));

    private static object Client(StudioRows studio, Guid client, string who) => new
    {
        sub = client,
        email = $"{who}@{studio.Slug}.test",
        role = "client",
        studio_id = studio.Studio,
        client_id = client,
        ip = "192.0.2.10",
        user_agent = "tests",
        request_id = $"req-{who}",
    };

    private static object Team(StudioRows studio, Guid user, string role, Dictionary<string, bool> perms) => new
    {
        sub = user,
        email = $"{role}@{studio.Slug}.test",
        role,
        studio_id = studio.Studio,
        perms,
        ip = "192.0.2.20",
        user_agent = "tests",
        request_id = $"req-{role}",
    };
}
