namespace Tally.Tests.Security;

/// <summary>Who an endpoint is for.</summary>
public enum HttpAccess
{
    /// <summary>Owners, admins, staff and bookkeepers (policy "team").</summary>
    Team,

    /// <summary>Owners and admins (policy "admins").</summary>
    Admins,

    /// <summary>Owners, admins and members holding can_manage_team (policy "team-managers").</summary>
    Managers,

    /// <summary>Portal clients (policy "client").</summary>
    Client,
}

/// <summary>
/// What the HTTP authorization matrix expects of every endpoint the app maps, keyed by
/// "METHOD /route/pattern". An endpoint in neither list fails the matrix until someone decides who
/// it is for: a new endpoint cannot ship unclassified.
/// </summary>
internal static class HttpEndpointCatalog
{
    /// <summary>Public by design, each with the reason. Only these are left out of the matrix.</summary>
    public static readonly IReadOnlyDictionary<string, string> Public = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["GET /"] = "redirects to /dashboard, which is protected",
        ["GET /health/live"] = "liveness probe for the orchestrator",
        ["GET /health/ready"] = "readiness probe for the orchestrator",
        ["GET /openapi/{documentName}.json"] = "the API's description, for integrators",
        ["GET /api/reference/{documentName?}"] = "the API reference, for integrators",
        ["GET /api/reference/scalar.js"] = "static script of the API reference",
        ["GET /api/reference/scalar.aspnetcore.js"] = "static script of the API reference",
        ["GET /api/reference/favicon.svg"] = "static icon of the API reference",
        ["GET /_framework/opaque-redirect"] = "Blazor's redirect helper: follows a redirect the server itself protected",
        ["GET /not-found"] = "the 404 page",
        ["GET /forbidden"] = "where a signed-in person is sent when they may not see a page",
        ["GET /signin"] = "team sign-in form",
        ["POST /signin"] = "team sign-in form post (throttled)",
        ["GET /signout"] = "asks to confirm signing out",
        ["POST /signout"] = "signs out (antiforgery)",
        ["GET /forgot-password"] = "asks for a password reset link",
        ["POST /forgot-password"] = "mails a password reset link (throttled)",
        ["GET /reset-password"] = "password reset form, by its one-time link",
        ["POST /reset-password"] = "sets a new password with the one-time link (throttled)",
        ["GET /invitations/accept"] = "team invitation acceptance, by its one-time link",
        ["POST /invitations/accept"] = "accepts a team invitation (throttled)",
        ["GET /portal/signin"] = "client portal sign-in: asks for an email",
        ["POST /portal/signin"] = "mails a one-time sign-in link; the same answer for every address (throttled)",
        ["GET /portal/link"] = "landing page of a sign-in link; spends nothing",
        ["POST /portal/link"] = "spends a sign-in link (throttled)",
        ["GET /portal/accept"] = "landing page of a portal invitation; spends nothing",
        ["POST /portal/accept"] = "accepts a portal invitation (throttled)",
        ["POST /portal/signout"] = "signs out of the portal (antiforgery)",
        ["GET /s/{Slug}/inquire"] = "a studio's public inquiry form, for prospects who have no account",
        ["POST /s/{Slug}/inquire"] = "sends an inquiry: antiforgery, body size cap, honeypot, rate limited per IP; writes only through auth.submit_inquiry",
    };

    public static readonly IReadOnlyDictionary<string, HttpAccess> Protected = new Dictionary<string, HttpAccess>(StringComparer.Ordinal)
    {
        ["GET /leads"] = HttpAccess.Team,
        ["GET /api/v1/studios/"] = HttpAccess.Team,
        ["GET /api/v1/studios/{slug}/leads/"] = HttpAccess.Team,
        ["GET /settings/tokens"] = HttpAccess.Team,
        ["POST /settings/tokens/"] = HttpAccess.Team,
        ["POST /settings/tokens/{id:guid}/revoke"] = HttpAccess.Team,
        ["GET /team"] = HttpAccess.Managers,
        ["POST /team"] = HttpAccess.Managers,
        ["GET /portal-invitations"] = HttpAccess.Admins,
        ["POST /clients/{id:guid}/invite"] = HttpAccess.Admins,
        ["GET /portal"] = HttpAccess.Client,
        ["GET /portal/galleries/{GalleryId:guid}"] = HttpAccess.Client,
        ["GET /search"] = HttpAccess.Team,
        ["GET /search/saved"] = HttpAccess.Team,
        ["POST /search/saved/"] = HttpAccess.Team,
        ["POST /search/saved/{id:guid}/rename"] = HttpAccess.Team,
        ["POST /search/saved/{id:guid}/default"] = HttpAccess.Team,
        ["POST /search/saved/{id:guid}/delete"] = HttpAccess.Team,
        ["GET /api/v1/search/"] = HttpAccess.Team,
        ["GET /api/v1/saved-searches/"] = HttpAccess.Team,
        ["POST /api/v1/saved-searches/"] = HttpAccess.Team,
        ["PATCH /api/v1/saved-searches/{id:guid}"] = HttpAccess.Team,
        ["DELETE /api/v1/saved-searches/{id:guid}"] = HttpAccess.Team,
        ["GET /api/v1/saved-searches/{id:guid}/results"] = HttpAccess.Team,
        ["GET /api/v1/audit/{table}/{id:guid}"] = HttpAccess.Admins,
        ["GET /audit"] = HttpAccess.Admins,
        ["POST /api/v1/leads/{id:guid}/stage"] = HttpAccess.Team,
        ["GET /api/v1/leads/{id:guid}/transitions"] = HttpAccess.Team,
        ["GET /pipeline"] = HttpAccess.Team,
        ["POST /pipeline/leads/{id:guid}/stage"] = HttpAccess.Team,
        ["GET /workflow/rules"] = HttpAccess.Admins,
        ["POST /workflow/rules/save"] = HttpAccess.Admins,
        ["POST /api/v1/studios/{slug}/leads/"] = HttpAccess.Admins,
        ["GET /api/v1/studios/{slug}/leads/{id:guid}"] = HttpAccess.Team,
        ["PUT /api/v1/studios/{slug}/leads/{id:guid}"] = HttpAccess.Team,
        ["PATCH /api/v1/studios/{slug}/leads/{id:guid}"] = HttpAccess.Team,
        ["DELETE /api/v1/studios/{slug}/leads/{id:guid}"] = HttpAccess.Admins,
        ["POST /api/v1/studios/{slug}/leads/{id:guid}/restore"] = HttpAccess.Admins,
        ["POST /api/v1/studios/{slug}/leads/{id:guid}/convert"] = HttpAccess.Admins,
        ["GET /api/v1/studios/{slug}/leads/{id:guid}/interactions"] = HttpAccess.Team,
        ["POST /api/v1/studios/{slug}/leads/{id:guid}/interactions"] = HttpAccess.Team,
        ["GET /leads/new"] = HttpAccess.Admins,
        ["POST /leads/new"] = HttpAccess.Admins,
        ["GET /leads/{Id:guid}"] = HttpAccess.Team,
        ["GET /leads/{Id:guid}/edit"] = HttpAccess.Team,
        ["POST /leads/{Id:guid}/edit"] = HttpAccess.Team,
        ["GET /leads/export.csv"] = HttpAccess.Team,
        ["POST /leads/{id:guid}/interactions"] = HttpAccess.Team,
        ["POST /leads/{id:guid}/assign"] = HttpAccess.Admins,
        ["POST /leads/{id:guid}/archive"] = HttpAccess.Admins,
        ["POST /leads/{id:guid}/unarchive"] = HttpAccess.Admins,
        ["POST /leads/{id:guid}/convert"] = HttpAccess.Admins,
        ["GET /timeline-templates"] = HttpAccess.Team,
        ["POST /timeline-templates"] = HttpAccess.Team,
        ["GET /sessions/{Id:guid}/timeline"] = HttpAccess.Team,
        ["POST /sessions/{Id:guid}/timeline"] = HttpAccess.Team,
        ["GET /timelines/due"] = HttpAccess.Team,
        ["GET /api/v1/studios/{slug}/timeline-templates"] = HttpAccess.Team,
        ["POST /api/v1/studios/{slug}/timeline-templates"] = HttpAccess.Admins,
        ["GET /api/v1/studios/{slug}/timeline-templates/{id:guid}"] = HttpAccess.Team,
        ["PUT /api/v1/studios/{slug}/timeline-templates/{id:guid}"] = HttpAccess.Admins,
        ["DELETE /api/v1/studios/{slug}/timeline-templates/{id:guid}"] = HttpAccess.Admins,
        ["GET /api/v1/studios/{slug}/sessions/{id:guid}/timeline"] = HttpAccess.Team,
        ["POST /api/v1/studios/{slug}/sessions/{id:guid}/timeline"] = HttpAccess.Admins,
        ["PATCH /api/v1/studios/{slug}/sessions/{id:guid}/timeline/{stepId:guid}"] = HttpAccess.Team,
        ["GET /api/v1/studios/{slug}/timelines/due"] = HttpAccess.Team,
        ["GET /leads/{Id:guid}/documents"] = HttpAccess.Team,
        ["GET /clients/{Id:guid}/documents"] = HttpAccess.Team,
        ["GET /sessions/{Id:guid}/documents"] = HttpAccess.Team,
        ["POST /leads/{id:guid}/documents/upload"] = HttpAccess.Team,
        ["POST /clients/{id:guid}/documents/upload"] = HttpAccess.Team,
        ["POST /sessions/{id:guid}/documents/upload"] = HttpAccess.Team,
        ["POST /leads/{id:guid}/documents/{documentId:guid}/delete"] = HttpAccess.Team,
        ["POST /clients/{id:guid}/documents/{documentId:guid}/delete"] = HttpAccess.Team,
        ["POST /sessions/{id:guid}/documents/{documentId:guid}/delete"] = HttpAccess.Team,
        ["GET /api/v1/studios/{slug}/leads/{id:guid}/documents/"] = HttpAccess.Team,
        ["GET /api/v1/studios/{slug}/clients/{id:guid}/documents/"] = HttpAccess.Team,
        ["GET /api/v1/studios/{slug}/sessions/{id:guid}/documents/"] = HttpAccess.Team,
        ["POST /api/v1/studios/{slug}/leads/{id:guid}/documents/"] = HttpAccess.Team,
        ["POST /api/v1/studios/{slug}/clients/{id:guid}/documents/"] = HttpAccess.Team,
        ["POST /api/v1/studios/{slug}/sessions/{id:guid}/documents/"] = HttpAccess.Team,
        ["GET /api/v1/studios/{slug}/leads/{id:guid}/documents/{documentId:guid}"] = HttpAccess.Team,
        ["GET /api/v1/studios/{slug}/clients/{id:guid}/documents/{documentId:guid}"] = HttpAccess.Team,
        ["GET /api/v1/studios/{slug}/sessions/{id:guid}/documents/{documentId:guid}"] = HttpAccess.Team,
        ["DELETE /api/v1/studios/{slug}/leads/{id:guid}/documents/{documentId:guid}"] = HttpAccess.Team,
        ["DELETE /api/v1/studios/{slug}/clients/{id:guid}/documents/{documentId:guid}"] = HttpAccess.Team,
        ["DELETE /api/v1/studios/{slug}/sessions/{id:guid}/documents/{documentId:guid}"] = HttpAccess.Team,
        ["GET /portal/documents/{id:guid}"] = HttpAccess.Client,
        ["GET /clients"] = HttpAccess.Team,
        ["GET /clients/{Id:guid}"] = HttpAccess.Team,
        ["GET /clients/new"] = HttpAccess.Admins,
        ["POST /clients/new"] = HttpAccess.Admins,
        ["GET /clients/{Id:guid}/edit"] = HttpAccess.Admins,
        ["POST /clients/{Id:guid}/edit"] = HttpAccess.Admins,
        ["GET /clients/export.csv"] = HttpAccess.Team,
        ["GET /sessions"] = HttpAccess.Team,
        ["GET /sessions/agenda"] = HttpAccess.Team,
        ["GET /sessions/{Id:guid}"] = HttpAccess.Team,
        ["GET /sessions/new"] = HttpAccess.Admins,
        ["POST /sessions/new"] = HttpAccess.Admins,
        ["GET /sessions/{Id:guid}/edit"] = HttpAccess.Admins,
        ["POST /sessions/{Id:guid}/edit"] = HttpAccess.Admins,
        ["GET /api/v1/studios/{slug}/clients/"] = HttpAccess.Team,
        ["GET /api/v1/studios/{slug}/clients/{id:guid}"] = HttpAccess.Team,
        ["POST /api/v1/studios/{slug}/clients/"] = HttpAccess.Admins,
        ["PUT /api/v1/studios/{slug}/clients/{id:guid}"] = HttpAccess.Admins,
        ["DELETE /api/v1/studios/{slug}/clients/{id:guid}"] = HttpAccess.Admins,
        ["GET /api/v1/studios/{slug}/clients/{id:guid}/sessions"] = HttpAccess.Team,
        ["GET /api/v1/studios/{slug}/sessions/"] = HttpAccess.Team,
        ["GET /api/v1/studios/{slug}/sessions/{id:guid}"] = HttpAccess.Team,
        ["POST /api/v1/studios/{slug}/sessions/"] = HttpAccess.Admins,
        ["PUT /api/v1/studios/{slug}/sessions/{id:guid}"] = HttpAccess.Admins,
        ["POST /api/v1/studios/{slug}/sessions/{id:guid}/cancel"] = HttpAccess.Admins,
        ["POST /api/v1/studios/{slug}/sessions/{id:guid}/status"] = HttpAccess.Admins,
        ["GET /api/v1/studios/{slug}/sessions/{id:guid}/transitions"] = HttpAccess.Team,
        ["POST /sessions/{id:guid}/status"] = HttpAccess.Admins,
        ["GET /leads/import"] = HttpAccess.Admins,
        ["GET /clients/import"] = HttpAccess.Admins,
        ["GET /leads/import/{Token}"] = HttpAccess.Admins,
        ["GET /clients/import/{Token}"] = HttpAccess.Admins,
        ["POST /leads/import/upload"] = HttpAccess.Admins,
        ["POST /clients/import/upload"] = HttpAccess.Admins,
        ["POST /leads/import/{token}/run"] = HttpAccess.Admins,
        ["POST /clients/import/{token}/run"] = HttpAccess.Admins,
        ["GET /dashboard"] = HttpAccess.Team,
        ["GET /reports/lead-sources"] = HttpAccess.Team,
        ["GET /reports/client-lifecycle"] = HttpAccess.Team,
        ["GET /reports/revenue"] = HttpAccess.Team,
        ["GET /reports/conversion"] = HttpAccess.Team,
        ["GET /api/v1/studios/{slug}/analytics/dashboard"] = HttpAccess.Team,
        ["GET /api/v1/studios/{slug}/analytics/lead-sources"] = HttpAccess.Team,
        ["GET /api/v1/studios/{slug}/analytics/lead-sources.csv"] = HttpAccess.Team,
        ["GET /api/v1/studios/{slug}/analytics/client-lifecycle"] = HttpAccess.Team,
        ["GET /api/v1/studios/{slug}/analytics/client-lifecycle.csv"] = HttpAccess.Team,
        ["GET /api/v1/studios/{slug}/analytics/revenue"] = HttpAccess.Team,
        ["GET /api/v1/studios/{slug}/analytics/revenue.csv"] = HttpAccess.Team,
        ["GET /api/v1/studios/{slug}/analytics/conversion"] = HttpAccess.Team,
        ["GET /api/v1/studios/{slug}/analytics/conversion.csv"] = HttpAccess.Team,
        ["GET /portal/documents"] = HttpAccess.Client,
    };

    /// <summary>
    /// Values for route parameters, by endpoint then by name: always studio A's (the matrix asks for
    /// studio A's data). Writes get ids that match nothing, so the matrix changes no data.
    /// </summary>
    public static string? RouteValue(string endpoint, string parameter, HttpWorld w) => (endpoint, parameter) switch
    {
        (_, "slug") => w.StudioASlug,
        (_, "table") => "leads",
        ("GET /portal/galleries/{GalleryId:guid}", "GalleryId") => w.ClientA1.GalleryId.ToString(),
        (_, "id" or "Id" or "stepId" or "documentId") => Guid.CreateVersion7().ToString(),
        (_, "Token" or "token") => new string('0', 32),
        _ => null,
    };

    /// <summary>
    /// A query string for endpoints that need one. Searches look for a lead only owners and admins
    /// may see, by the part of its email before the @: the page may echo the query, but only a
    /// result can show the whole address, which everyone else must not see.
    /// </summary>
    public static string Query(string endpoint, HttpWorld w) => endpoint switch
    {
        "GET /search" or "GET /api/v1/search/" => "?q=" + Uri.EscapeDataString(w.TeamOnlyLeadEmails[0].Split('@')[0]),
        _ => "",
    };

    /// <summary>
    /// Answers other than 200 that an allowed principal gets for a GET because the sample data is not
    /// theirs: client A2 opening client A1's gallery, anyone asking for an id that matches nothing.
    /// </summary>
    public static int? AllowedButNotTheirs(string endpoint, string principal) => (endpoint, principal) switch
    {
        ("GET /portal/galleries/{GalleryId:guid}", HttpPrincipal.ClientA2) => 404,
        ("GET /api/v1/saved-searches/{id:guid}/results", _) => 404,
        ("GET /api/v1/leads/{id:guid}/transitions", _) => 404,
        ("GET /api/v1/studios/{slug}/sessions/{id:guid}/transitions", _) => 404,
        ("GET /api/v1/studios/{slug}/leads/{id:guid}", _) => 404,
        ("GET /api/v1/studios/{slug}/leads/{id:guid}/interactions", _) => 404,
        ("GET /leads/{Id:guid}", _) => 404,
        ("GET /leads/{Id:guid}/edit", _) => 404,
        // Timelines and documents of a session, lead, client or document id that matches nothing.
        ("GET /sessions/{Id:guid}/timeline" or "GET /leads/{Id:guid}/documents" or "GET /clients/{Id:guid}/documents" or "GET /sessions/{Id:guid}/documents", _) => 404,
        ("GET /portal/documents/{id:guid}" or "GET /api/v1/studios/{slug}/timeline-templates/{id:guid}" or "GET /api/v1/studios/{slug}/sessions/{id:guid}/timeline", _) => 404,
        (_, _) when endpoint.StartsWith("GET /api/v1/studios/{slug}/", StringComparison.Ordinal) && endpoint.Contains("/documents/", StringComparison.Ordinal) => 404,
        ("GET /clients/{Id:guid}" or "GET /clients/{Id:guid}/edit" or "GET /sessions/{Id:guid}" or "GET /sessions/{Id:guid}/edit", _) => 404,
        ("GET /api/v1/studios/{slug}/clients/{id:guid}" or "GET /api/v1/studios/{slug}/clients/{id:guid}/sessions" or "GET /api/v1/studios/{slug}/sessions/{id:guid}", _) => 404,
        ("GET /leads/import/{Token}" or "GET /clients/import/{Token}", _) => 404,
        // Analytics take can_view_analytics, which the demo staff member does not hold.
        (_, HttpPrincipal.Staff or HttpPrincipal.StaffToken) when endpoint.Contains("/analytics/", StringComparison.Ordinal)
            || endpoint.StartsWith("GET /reports/", StringComparison.Ordinal) => 403,
        _ => null,
    };
}
