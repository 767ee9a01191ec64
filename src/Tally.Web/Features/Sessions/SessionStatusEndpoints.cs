using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tally.Web.Features.Clients;
using Tally.Web.Features.Workflow;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Sessions;

/// <summary>The body of POST /api/v1/studios/{slug}/sessions/{id}/status.</summary>
public sealed record SessionStatusChange(
    [property: Description("The status to move the session to: inquiry, booked, completed, delivered or cancelled.")] string? Status,
    [property: Description("Why, in a few words (at most 500 characters); kept with the transition.")] string? Reason);

/// <summary>
/// A session's status along its state machine (docs/workflow.md): the API's status and transitions
/// endpoints, and the session page's form post.
/// </summary>
internal static class SessionStatusEndpoints
{
    public const int ReasonLength = 500;

    /// <summary>On the group /api/v1/studios/{slug}/sessions.</summary>
    public static RouteGroupBuilder MapSessionStatus(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/status", ChangeSessionStatus)
            .RequireAuthorization(TallyAuthentication.Admins)
            .WithName(nameof(ChangeSessionStatus))
            .WithSummary("Move a session to another status")
            .WithDescription("Owners and admins. Moves the session along its status machine (docs/workflow.md) and records the transition with who and the reason. 422 for a status that does not exist, a reason over 500 characters, or a status that needs a start and an end the session lacks; 409 for a move the machine forbids from the session's status (or to the status it has), and for a cancelled session reopened onto a time its photographer has taken since.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/{id:guid}/transitions", ListSessionTransitions)
            .WithName(nameof(ListSessionTransitions))
            .WithSummary("A session's status transitions, oldest first")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static IEndpointRouteBuilder MapSessionStatusForms(this IEndpointRouteBuilder app)
    {
        app.MapPost("/sessions/{id:guid}/status", ChangeFromPage)
            .RequireAuthorization(TallyAuthentication.Admins).RequireAntiforgery().ExcludeFromDescription();
        return app;
    }

    /// <summary>The session page's messages, by the code its redirect carries (never text of the request's).</summary>
    public static readonly IReadOnlyDictionary<string, string> Messages = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["status"] = "The session's status was changed.",
        ["unknown-status"] = "Choose one of the statuses offered.",
        ["reason"] = "The reason is at most 500 characters.",
        ["forbidden"] = "The session cannot move to that status from the one it has; nothing was changed.",
        ["needs-date"] = "That status needs a start and an end: edit the session to give them first. Nothing was changed.",
        ["overlaps"] = "The photographer already has a session at that time: edit the session to move it first. Nothing was changed.",
    };

    public static async Task<Results<Ok<SessionStage>, ProblemHttpResult>> ChangeSessionStatus(
        string slug, Guid id, SessionStatusChange body, TallyDb db, CancellationToken ct)
    {
        if (!SessionRules.IsStatus(body.Status))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unknown status",
                detail: $"status must be one of: {string.Join(", ", SessionRules.Statuses)}.");
        }
        if (body.Reason is { Length: > ReasonLength })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Reason too long", detail: "reason is at most 500 characters.");
        }
        var (studio, notFound) = await StudioScope.ResolveAsync(db, slug, ct);
        if (studio is null)
        {
            return notFound!;
        }
        var (outcome, message) = await SessionWorkflow.MoveAsync(db, studio.Id, id, body.Status!, Reason(body.Reason), ct);
        return outcome switch
        {
            SessionMoveOutcome.Moved => TypedResults.Ok((await SessionWorkflow.FindAsync(db, studio.Id, id, ct))!),
            SessionMoveOutcome.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Transition not allowed", detail: message),
            SessionMoveOutcome.Overlaps => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Overlapping session", detail: message),
            SessionMoveOutcome.NeedsDate => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Not scheduled", detail: message),
            _ => StudioScope.NotFound("session"),
        };
    }

    public static async Task<Results<Ok<List<StageTransition>>, ProblemHttpResult>> ListSessionTransitions(
        string slug, Guid id, TallyDb db, CancellationToken ct)
    {
        var (studio, notFound) = await StudioScope.ResolveAsync(db, slug, ct);
        if (studio is null)
        {
            return notFound!;
        }
        if (await SessionWorkflow.FindAsync(db, studio.Id, id, ct) is null)
        {
            return StudioScope.NotFound("session");
        }
        return TypedResults.Ok(await SessionWorkflow.TransitionsAsync(db, studio.Id, id, ct));
    }

    public static async Task<RedirectHttpResult> ChangeFromPage(
        Guid id, [FromForm(Name = "status")] string? status, [FromForm(Name = "reason")] string? reason, TallyDb db, CancellationToken ct)
    {
        if (!SessionRules.IsStatus(status))
        {
            return Back(id, "problem", "unknown-status");
        }
        if (reason is { Length: > ReasonLength })
        {
            return Back(id, "problem", "reason");
        }
        if (db.Claims.StudioId is not { } studio)
        {
            return Back(id, "problem", "forbidden");
        }
        var (outcome, _) = await SessionWorkflow.MoveAsync(db, studio, id, status!, Reason(reason), ct);
        return outcome switch
        {
            SessionMoveOutcome.Moved => Back(id, "done", "status"),
            SessionMoveOutcome.NeedsDate => Back(id, "problem", "needs-date"),
            SessionMoveOutcome.Overlaps => Back(id, "problem", "overlaps"),
            // Not found reads as the page's own 404.
            _ => Back(id, "problem", "forbidden"),
        };
    }

    private static string? Reason(string? reason) => string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();

    private static RedirectHttpResult Back(Guid id, string key, string code) =>
        TypedResults.Redirect($"/sessions/{id}?{key}={code}#status");
}
