using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tally.Web.Features.Studios;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Leads;

/// <summary>
/// The form posts of the lead page (/leads/{id}): add an interaction, assign, archive, unarchive,
/// convert. Each answers with a redirect back to the page and a code (never text of the request's)
/// that the page turns into a message.
/// </summary>
internal static class LeadForms
{
    public static IEndpointRouteBuilder MapLeadForms(this IEndpointRouteBuilder app)
    {
        var team = app.MapGroup("/leads/{id:guid}").RequireAuthorization(TallyAuthentication.Team).RequireAntiforgery().ExcludeFromDescription();
        team.MapPost("/interactions", AddInteraction);
        var admins = app.MapGroup("/leads/{id:guid}").RequireAuthorization(TallyAuthentication.Admins).RequireAntiforgery().ExcludeFromDescription();
        admins.MapPost("/assign", Assign);
        admins.MapPost("/archive", Archive);
        admins.MapPost("/unarchive", Unarchive);
        admins.MapPost("/convert", Convert);
        return app;
    }

    public static readonly IReadOnlyDictionary<string, string> Messages = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["created"] = "The lead was created.",
        ["saved"] = "The lead was saved.",
        ["interaction"] = "The interaction was recorded.",
        ["assigned"] = "The lead's assignee was changed.",
        ["archived"] = "The lead was archived: it no longer shows in the working list.",
        ["unarchived"] = "The lead is back in the working list.",
        ["converted"] = "The lead was converted into a client.",
        ["kind"] = "Choose whether it was a call, an email, a note or a meeting.",
        ["summary"] = "Write a summary of at most 500 characters.",
        ["body"] = "The details are at most 20000 characters.",
        ["direction"] = "Choose inbound or outbound.",
        ["assignee"] = "Choose an active teammate.",
        ["session-times"] = "Give the session a start and an end, as dates and times.",
        ["session-type"] = "Choose a session type.",
        ["session-rejected"] = "The session could not be booked (it must end after it starts); nothing was changed.",
        ["already-converted"] = "This lead was already converted into a client.",
        ["closed"] = "This lead cannot be converted: it is lost or archived in the pipeline, or has no email address.",
        ["conflict"] = "The conversion clashed with other data; nothing was changed.",
    };

    public static async Task<RedirectHttpResult> AddInteraction(Guid id, [FromForm(Name = "kind")] string? kind, [FromForm(Name = "direction")] string? direction,
        [FromForm(Name = "summary")] string? summary, [FromForm(Name = "body")] string? body, TallyDb db, CancellationToken ct)
    {
        var input = new InteractionInput { Kind = kind, Direction = direction, Summary = summary, Body = body }.Normalized();
        var errors = input.Validate();
        if (errors.Count > 0)
        {
            return Back(id, "problem", errors.Keys.First() switch { "kind" => "kind", "direction" => "direction", "body" => "body", _ => "summary" });
        }
        if (!await LeadQueries.ExistsAsync(db, id, ct))
        {
            return TypedResults.Redirect("/leads");
        }
        await LeadInteractionQueries.AddAsync(db, id, input, ct);
        return Back(id, "done", "interaction");
    }

    public static async Task<RedirectHttpResult> Assign(Guid id, [FromForm(Name = "assignedTo")] string? assignedTo, TallyDb db, CancellationToken ct)
    {
        Guid? member = null;
        if (!string.IsNullOrEmpty(assignedTo))
        {
            if (!Guid.TryParse(assignedTo, out var parsed) || !await LeadQueries.IsTeammateAsync(db, parsed, ct))
            {
                return Back(id, "problem", "assignee");
            }
            member = parsed;
        }
        if (await LeadQueries.FindAsync(db, id, ct) is not { } lead)
        {
            return TypedResults.Redirect("/leads");
        }
        var outcome = await LeadQueries.UpdateAsync(db, id, lead.Version, LeadEndpoints.InputOf(lead) with { AssignedTo = member }, ct);
        return outcome == LeadWrite.Done ? Back(id, "done", "assigned") : TypedResults.Redirect("/leads");
    }

    public static Task<RedirectHttpResult> Archive(Guid id, TallyDb db, CancellationToken ct) => SetArchivedAsync(id, true, db, ct);

    public static Task<RedirectHttpResult> Unarchive(Guid id, TallyDb db, CancellationToken ct) => SetArchivedAsync(id, false, db, ct);

    public static async Task<RedirectHttpResult> Convert(Guid id, [FromForm(Name = "book")] string? book, [FromForm(Name = "sessionType")] string? sessionType,
        [FromForm(Name = "sessionStart")] string? sessionStart, [FromForm(Name = "sessionEnd")] string? sessionEnd, TallyDb db, CancellationToken ct)
    {
        var input = new ConversionInput();
        if (book == "true")
        {
            if (!LeadCodes.Has(LeadCodes.EventTypes, sessionType))
            {
                return Back(id, "problem", "session-type");
            }
            var studio = db.Claims.StudioId is { } studioId ? await StudioQueries.FindByIdAsync(db, studioId, ct) : null;
            var zone = studio is not null && TimeZoneInfo.TryFindSystemTimeZoneById(studio.TimeZone, out var found) ? found : TimeZoneInfo.Utc;
            if (Local(sessionStart, zone) is not { } start || Local(sessionEnd, zone) is not { } end)
            {
                return Back(id, "problem", "session-times");
            }
            input = new ConversionInput { Session = new SessionInput { Type = sessionType, StartsAt = start, EndsAt = end } };
        }
        var (outcome, _, _) = await LeadConversion.ConvertAsync(db, id, input, null, ct);
        return outcome switch
        {
            ConversionOutcome.Converted => Back(id, "done", "converted"),
            ConversionOutcome.NotFound => TypedResults.Redirect("/leads"),
            ConversionOutcome.Rejected => Back(id, "problem", "session-rejected"),
            ConversionOutcome.AlreadyConverted => Back(id, "problem", "already-converted"),
            ConversionOutcome.Closed => Back(id, "problem", "closed"),
            _ => Back(id, "problem", "conflict"),
        };
    }

    /// <summary>A datetime-local value ("2027-06-12T14:00") in the studio's time zone, as an instant.</summary>
    private static DateTimeOffset? Local(string? value, TimeZoneInfo zone)
    {
        if (!DateTime.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    private static async Task<RedirectHttpResult> SetArchivedAsync(Guid id, bool archived, TallyDb db, CancellationToken ct) =>
        await LeadQueries.SetArchivedAsync(db, id, archived, null, ct) == LeadWrite.Done
            ? Back(id, "done", archived ? "archived" : "unarchived")
            : TypedResults.Redirect("/leads");

    private static RedirectHttpResult Back(Guid id, string kind, string code) => TypedResults.Redirect($"/leads/{id}?{kind}={code}");
}
