using System.Net.Http.Headers;
using Tally.Web.Features.Identity;
using Tally.Web.Features.Portal;

namespace Tally.Tests.Security;

/// <summary>How a principal reaches the app: nothing, the session cookie, or a bearer token.</summary>
public enum HttpTransport
{
    None,
    Cookie,
    Bearer,
}

/// <summary>
/// One column of the HTTP authorization matrix: who asks (role, studio), how they prove it, whether
/// the proof is good, and the studio A values they must never be shown.
/// </summary>
public sealed record HttpPrincipal(string Name, string Role, bool OfStudioA, HttpTransport Transport, bool Valid, IReadOnlyList<string> ForbiddenMarkers)
{
    public const string Anonymous = "anonymous";
    public const string ClientA1 = "client-a1";
    public const string ClientA2 = "client-a2";
    public const string Staff = "staff";
    public const string Bookkeeper = "bookkeeper";
    public const string Admin = "admin";
    public const string Owner = "owner";
    public const string AdminOfB = "admin-b";
    public const string StaffToken = "bearer-staff";
    public const string RevokedToken = "bearer-revoked";
    public const string TamperedToken = "bearer-tampered";

    /// <summary>Set per request: a cookie or an Authorization header.</summary>
    public string? Credential { get; init; }

    public bool IsSignedIn => Transport != HttpTransport.None && Valid;

    public void Apply(HttpRequestMessage request)
    {
        switch (Transport)
        {
            case HttpTransport.Cookie:
                request.Headers.Add("Cookie", Credential);
                break;
            case HttpTransport.Bearer:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Credential);
                break;
        }
    }

    /// <summary>The eleven principals of the matrix, with their credentials made in this app.</summary>
    public static IReadOnlyList<HttpPrincipal> All(HttpSecurityFactory app)
    {
        var w = app.World;
        string[] everythingOfA = [w.StudioAName, w.ClientA1.Email, w.ClientA2.Email, w.ClientA1.GalleryId.ToString(), w.ClientA2.GalleryId.ToString(), .. w.TeamOnlyLeadEmails];
        // Staff see the team's calendar and galleries, not leads assigned to others; bookkeepers see no leads.
        string[] teamOnly = [.. w.TeamOnlyLeadEmails];
        return
        [
            new(Anonymous, "anon", false, HttpTransport.None, false, everythingOfA),
            Client(app, ClientA1, w.ClientA1, [w.ClientA2.Email, w.ClientA2.GalleryId.ToString(), .. teamOnly]),
            Client(app, ClientA2, w.ClientA2, [w.ClientA1.Email, w.ClientA1.GalleryId.ToString(), .. teamOnly]),
            Team(app, Staff, w.StaffA, true, teamOnly),
            Team(app, Bookkeeper, w.BookkeeperA, true, teamOnly),
            Team(app, Admin, w.AdminA, true, []),
            Team(app, Owner, w.OwnerA, true, []),
            Team(app, AdminOfB, w.AdminB, false, everythingOfA),
            new(StaffToken, "staff", true, HttpTransport.Bearer, true, teamOnly) { Credential = w.StaffToken.Token },
            new(RevokedToken, "staff", true, HttpTransport.Bearer, false, everythingOfA) { Credential = w.RevokedToken.Token },
            new(TamperedToken, "staff", true, HttpTransport.Bearer, false, everythingOfA) { Credential = w.TamperedToken },
        ];
    }

    private static HttpPrincipal Team(HttpSecurityFactory app, string name, HttpMember m, bool ofA, string[] forbidden)
    {
        var member = new TeamMember(m.StudioId, m.UserId, m.Email, m.FullName, m.Role,
            CanViewAnalytics: m.Role is "owner" or "admin", CanManagePayments: m.Role is "owner" or "bookkeeper", CanManageTeam: m.Role is "owner" or "admin",
            m.SecurityStamp);
        return new(name, m.Role, ofA, HttpTransport.Cookie, true, forbidden) { Credential = app.CookieFor(TeamPrincipal.Create(member)) };
    }

    private static HttpPrincipal Client(HttpSecurityFactory app, string name, HttpClientRecord c, string[] forbidden)
    {
        var principal = PortalSignIn.Principal(new PortalClient(c.StudioId, app.World.StudioASlug, c.ClientId, c.Email));
        return new(name, "client", true, HttpTransport.Cookie, true, forbidden) { Credential = app.CookieFor(principal) };
    }
}
