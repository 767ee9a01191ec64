using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tally.Web.Features.Identity;
using Tally.Web.Features.Studios;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Portal;

/// <summary>
/// The client portal's form posts. Pages accept only GET, so each form posts here and is answered
/// with a redirect to a page (post, redirect, get).
/// </summary>
internal static class PortalEndpoints
{
    public static IEndpointRouteBuilder MapPortal(this IEndpointRouteBuilder app)
    {
        var portal = app.MapGroup("/portal").ExcludeFromDescription();
        // Forms that take a secret or send mail for someone not signed in: limited per IP address,
        // like the team's sign-in forms (guessing links, mail bombing).
        portal.MapPost("/signin", RequestLink).AllowAnonymous().RequireRateLimiting(SignInThrottle.Policy);
        portal.MapPost("/link", RedeemLink).AllowAnonymous().RequireRateLimiting(SignInThrottle.Policy);
        portal.MapPost("/accept", AcceptInvitation).AllowAnonymous().RequireRateLimiting(SignInThrottle.Policy);
        // Anonymous too: signing out without a session just lands on the sign-in page.
        portal.MapPost("/signout", (Delegate)SignOut).AllowAnonymous().RequireAntiforgery();
        app.MapPost("/clients/{id:guid}/invite", PortalInvitations.InviteAsync)
            .RequireAuthorization(TallyAuthentication.Admins).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// "Email me a sign-in link". Every address gets the same redirect; only a client of that
    /// studio with portal access gets mail, queued and sent after the response.
    /// </summary>
    public static async Task<RedirectHttpResult> RequestLink(
        [FromForm(Name = "studio")] string? studio, [FromForm(Name = "email")] string? email,
        TallyDb db, PortalMail mail, HttpContext http, CancellationToken ct)
    {
        if (!StudioSlug.IsValid(studio))
        {
            return TypedResults.Redirect("/portal/signin");
        }
        if (PortalLinks.LooksLikeEmail(email?.Trim()) && await PortalLinks.IssueAsync(db, studio!, email!.Trim(), ct) is { } link)
        {
            mail.Send(PortalMessages.SignInLink(link, PortalMail.Url(http, $"/portal/link?token={link.Secret}")));
        }
        return TypedResults.Redirect($"/portal/signin?studio={studio}&sent=1");
    }

    public static async Task<RedirectHttpResult> RedeemLink([FromForm(Name = "token")] string? token, TallyDb db, HttpContext http, CancellationToken ct)
    {
        var client = await PortalSignIn.RedeemAsync(db, PortalSignIn.RedeemLink, token, ct);
        if (client is null)
        {
            return TypedResults.Redirect("/portal/signin?invalid=link");
        }
        await PortalSignIn.SignInAsync(http, client);
        return TypedResults.Redirect("/portal");
    }

    public static async Task<RedirectHttpResult> AcceptInvitation([FromForm(Name = "token")] string? token, TallyDb db, HttpContext http, CancellationToken ct)
    {
        var client = await PortalSignIn.RedeemAsync(db, PortalSignIn.AcceptInvitation, token, ct);
        if (client is null)
        {
            return TypedResults.Redirect("/portal/signin?invalid=invitation");
        }
        await PortalSignIn.SignInAsync(http, client);
        return TypedResults.Redirect("/portal");
    }

    public static async Task<RedirectHttpResult> SignOut(HttpContext http)
    {
        var slug = http.User.FindFirst(PortalSignIn.PortalStudioSlugClaim)?.Value;
        await http.SignOutAsync(TallyAuthentication.Cookie);
        return TypedResults.Redirect(StudioSlug.IsValid(slug) ? $"/portal/signin?studio={slug}" : "/portal/signin");
    }
}
