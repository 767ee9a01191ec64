using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tally.Web.Features.Clients;
using Tally.Web.Features.Leads;
using Tally.Web.Features.Studios;
using Tally.Web.Infrastructure.Identity;
using Tally.Web.Infrastructure.Records;

namespace Tally.Web.Features.Sessions;

/// <summary>/api/v1/studios/{slug}/sessions and /clients/{id}/sessions.</summary>
internal static class SessionEndpoints
{
    public static RouteGroupBuilder MapSessions(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/studios/{slug}/sessions").WithTags("Sessions");
        group.MapGet("/", ListSessions)
            .WithName(nameof(ListSessions))
            .WithSummary("List a studio's sessions")
            .WithDescription("Scheduled sessions by start (then id: a stable order), then, unless a date range is given, those without a date. `from` and `to` are days in the studio's time zone, both included. Pass `next` as `after` for the following page.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}", GetSession)
            .WithName(nameof(GetSession))
            .WithSummary("Read a session")
            .WithDescription("The session with every field. The ETag header (also `version`) is what an update sends back in If-Match.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateSession)
            .RequireAuthorization(TallyAuthentication.Admins)
            .WithName(nameof(CreateSession))
            .WithSummary("Book a session")
            .WithDescription("Owners and admins. 400 names each invalid field (an unknown clientId or assignedTo too). 409 when the photographer already has a session at an overlapping time, listing them in `conflicts`, unless `allowOverlap` is true.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .AddOpenApiOperationTransformer(ApiExamples.Body(ApiExamples.Session));
        group.MapPut("/{id:guid}", UpdateSession)
            .RequireAuthorization(TallyAuthentication.Admins)
            .WithName(nameof(UpdateSession))
            .WithSummary("Replace a session's fields")
            .WithDescription("Owners and admins. Every field is replaced. If-Match with the ETag as read is required: 428 without it, 412 when the session changed since. 409 on an overlap, as for booking, and for a status the session's status machine does not allow from its current one (docs/workflow.md).")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .AddOpenApiOperationTransformer(ApiExamples.Body(ApiExamples.Session));
        group.MapPost("/{id:guid}/cancel", CancelSession)
            .RequireAuthorization(TallyAuthentication.Admins)
            .WithName(nameof(CancelSession))
            .WithSummary("Cancel a session")
            .WithDescription("Owners and admins. Sets the status to cancelled and frees the photographer's time; the session stays, with what refers to it (quotes, contracts, payments). 409 for a session already completed or delivered (docs/workflow.md). If-Match is optional; when sent, 412 if the session changed since.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapSessionStatus();

        api.MapGet("/studios/{slug}/clients/{id:guid}/sessions", ListClientSessions)
            .WithTags("Clients", "Sessions")
            .WithName(nameof(ListClientSessions))
            .WithSummary("List a client's sessions")
            .WithDescription("The client's sessions, in the order and with the filters of the sessions list.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static async Task<Results<Ok<SessionPage>, ValidationProblem, ProblemHttpResult>> ListSessions(
        [AsParameters] ListSessionsRequest request, [FromQuery(Name = "client")][Description("Only this client's sessions.")] string? client, TallyDb db, CancellationToken ct)
    {
        var (query, errors) = SessionListQuery.Parse(request.Status, request.From, request.To, client, request.After, request.Limit);
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var (studio, notFound) = await StudioScope.ResolveAsync(db, request.Slug, ct);
        if (studio is null)
        {
            return notFound!;
        }
        return TypedResults.Ok(await SessionQueries.PageAsync(db, studio.Id, query, StudioTime.Zone(studio), ct));
    }

    public static async Task<Results<Ok<SessionPage>, ValidationProblem, ProblemHttpResult>> ListClientSessions(
        Guid id, [AsParameters] ListSessionsRequest request, TallyDb db, CancellationToken ct)
    {
        var (query, errors) = SessionListQuery.Parse(request.Status, request.From, request.To, id.ToString(), request.After, request.Limit);
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var (studio, notFound) = await StudioScope.ResolveAsync(db, request.Slug, ct);
        if (studio is null)
        {
            return notFound!;
        }
        if (await ClientQueries.FindAsync(db, studio.Id, id, ct) is null)
        {
            return StudioScope.NotFound("client");
        }
        return TypedResults.Ok(await SessionQueries.PageAsync(db, studio.Id, query, StudioTime.Zone(studio), ct));
    }

    public static async Task<Results<Ok<Session>, ProblemHttpResult>> GetSession(string slug, Guid id, TallyDb db, HttpContext http, CancellationToken ct)
    {
        var (studio, notFound) = await StudioScope.ResolveAsync(db, slug, ct);
        if (studio is null)
        {
            return notFound!;
        }
        if (await SessionQueries.FindAsync(db, studio.Id, id, ct) is not { } session)
        {
            return StudioScope.NotFound("session");
        }
        RecordVersion.SetETag(http, session.Version);
        return TypedResults.Ok(session);
    }

    public static async Task<Results<Created<Session>, ValidationProblem, ProblemHttpResult>> CreateSession(
        string slug, SessionInput body, TallyDb db, HttpContext http, CancellationToken ct)
    {
        var (values, errors) = SessionRules.Check(body);
        if (values is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var (studio, notFound) = await StudioScope.ResolveAsync(db, slug, ct);
        if (studio is null)
        {
            return notFound!;
        }
        var outcome = await SessionBooking.SaveAsync(db, studio, null, RecordVersion.IfMatch(http.Request), values, ct);
        if (outcome.Errors is { } fieldErrors)
        {
            return TypedResults.ValidationProblem(fieldErrors);
        }
        if (outcome.Conflicts is { } conflicts)
        {
            return OverlapProblem(conflicts, studio);
        }
        var session = (await SessionQueries.FindAsync(db, studio.Id, outcome.Id!.Value, ct))!;
        RecordVersion.SetETag(http, session.Version);
        return TypedResults.Created($"/api/v1/studios/{studio.Slug}/sessions/{session.Id}", session);
    }

    public static async Task<Results<Ok<Session>, ValidationProblem, ProblemHttpResult>> UpdateSession(
        string slug, Guid id, SessionInput body, TallyDb db, HttpContext http, CancellationToken ct)
    {
        var (values, errors) = SessionRules.Check(body);
        if (values is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var precondition = RecordVersion.IfMatch(http.Request);
        if (precondition.Missing)
        {
            return StudioScope.PreconditionRequired();
        }
        var (studio, notFound) = await StudioScope.ResolveAsync(db, slug, ct);
        if (studio is null)
        {
            return notFound!;
        }
        var outcome = await SessionBooking.SaveAsync(db, studio, id, precondition, values, ct);
        if (outcome.NotFound)
        {
            return StudioScope.NotFound("session");
        }
        if (outcome.StaleVersion is { } current)
        {
            return StudioScope.PreconditionFailed(current);
        }
        if (outcome.ForbiddenStatus is { } forbidden)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Transition not allowed", detail: forbidden);
        }
        if (outcome.Errors is { } fieldErrors)
        {
            return TypedResults.ValidationProblem(fieldErrors);
        }
        if (outcome.Conflicts is { } conflicts)
        {
            return OverlapProblem(conflicts, studio);
        }
        var session = (await SessionQueries.FindAsync(db, studio.Id, id, ct))!;
        RecordVersion.SetETag(http, session.Version);
        return TypedResults.Ok(session);
    }

    public static async Task<Results<Ok<Session>, ProblemHttpResult>> CancelSession(string slug, Guid id, TallyDb db, HttpContext http, CancellationToken ct)
    {
        var (studio, notFound) = await StudioScope.ResolveAsync(db, slug, ct);
        if (studio is null)
        {
            return notFound!;
        }
        if (await SessionQueries.FindAsync(db, studio.Id, id, ct) is not { } before)
        {
            return StudioScope.NotFound("session");
        }
        var precondition = RecordVersion.IfMatch(http.Request);
        if (!precondition.Missing && !precondition.Matches(before.Version))
        {
            return StudioScope.PreconditionFailed(before.Version);
        }
        if (before.Status != "cancelled" && await SessionWorkflow.NextStatusesAsync(db, before.Status, ct) is var next && !next.Contains("cancelled"))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Transition not allowed",
                detail: SessionWorkflow.Forbidden(before.Status, "cancelled", next));
        }
        if (!await SessionQueries.CancelAsync(db, studio.Id, id, precondition, ct))
        {
            return StudioScope.PreconditionFailed(null);
        }
        var session = (await SessionQueries.FindAsync(db, studio.Id, id, ct))!;
        RecordVersion.SetETag(http, session.Version);
        return TypedResults.Ok(session);
    }

    private static ProblemHttpResult OverlapProblem(List<SessionConflict> conflicts, Studio studio) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Overlapping session",
            detail: "The photographer already has a session at an overlapping time: "
                + string.Join("; ", conflicts.Select(c => $"{c.Title}, {LeadFormat.Instant(c.StartsAt, studio)}"))
                + ". Choose another time or photographer, or send allowOverlap: true to book anyway.",
            extensions: new Dictionary<string, object?> { ["conflicts"] = conflicts });
}

/// <summary>The route and query parameters of the sessions lists.</summary>
internal sealed record ListSessionsRequest(
    [FromRoute(Name = "slug")][property: Description("The studio's slug, such as aurora-studio.")] string Slug,
    [FromQuery(Name = "status")][property: Description("Only sessions of this status: inquiry, booked, completed, delivered or cancelled.")] string? Status,
    [FromQuery(Name = "from")][property: Description("First day (yyyy-MM-dd, studio's time zone) a session may start on.")] string? From,
    [FromQuery(Name = "to")][property: Description("Last day (yyyy-MM-dd, studio's time zone) a session may start on.")] string? To,
    [FromQuery(Name = "after")][property: Description("The `next` cursor of the previous page.")] string? After,
    [FromQuery(Name = "limit")][property: Description("Sessions per page, 1 to 200; 50 when omitted.")] int? Limit);
