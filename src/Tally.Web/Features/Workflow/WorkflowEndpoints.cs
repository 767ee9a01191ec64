using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Workflow;

/// <summary>The body of POST /api/v1/leads/{id}/stage.</summary>
public sealed record StageChange(
    [property: Description("The stage to move the lead to, such as contacted.")] string? Stage,
    [property: Description("Why, in a few words; kept with the transition.")] string? Reason);

internal static class WorkflowEndpoints
{
    public static RouteGroupBuilder MapWorkflow(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/leads").WithTags("Workflow").RequireAuthorization(TallyAuthentication.Team);
        group.MapPost("/{id:guid}/stage", ChangeStage)
            .WithName(nameof(ChangeStage))
            .WithSummary("Move a lead to another workflow stage")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithDescription("Moves the lead along the workflow state machine (docs/workflow.md) and records the transition. 422 for a stage that does not exist, 409 for a move the state machine forbids from the lead's current stage.");
        group.MapGet("/{id:guid}/transitions", ListTransitions)
            .WithName(nameof(ListTransitions))
            .WithSummary("A lead's workflow transitions, oldest first")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static async Task<Results<Ok<LeadStage>, ProblemHttpResult>> ChangeStage(Guid id, StageChange body, TallyDb db, CancellationToken ct)
    {
        if (body.Stage is null || !WorkflowStages.Lead.Contains(body.Stage, StringComparer.Ordinal))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Unknown stage",
                detail: $"stage must be one of: {string.Join(", ", WorkflowStages.Lead)}.");
        }
        if (body.Reason is { Length: > 500 })
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "Reason too long", detail: "reason is at most 500 characters.");
        }
        var (outcome, message) = await WorkflowQueries.MoveAsync(db, id, body.Stage, body.Reason, ct);
        return outcome switch
        {
            StageChangeOutcome.Moved => TypedResults.Ok((await WorkflowQueries.FindAsync(db, id, ct))!),
            StageChangeOutcome.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Transition not allowed", detail: message),
            _ => NotFound(),
        };
    }

    public static async Task<Results<Ok<List<StageTransition>>, ProblemHttpResult>> ListTransitions(Guid id, TallyDb db, CancellationToken ct)
    {
        if (await WorkflowQueries.FindAsync(db, id, ct) is null)
        {
            return NotFound();
        }
        return TypedResults.Ok(await WorkflowQueries.TransitionsAsync(db, id, ct));
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "There is no lead of yours with that id.");
}
