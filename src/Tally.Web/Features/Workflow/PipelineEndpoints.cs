using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Workflow;

/// <summary>The pipeline board's form post: move a lead to a stage, then back to the board.</summary>
internal static class PipelineEndpoints
{
    public static IEndpointRouteBuilder MapPipeline(this IEndpointRouteBuilder app)
    {
        app.MapPost("/pipeline/leads/{id:guid}/stage", MoveLead)
            .RequireAuthorization(TallyAuthentication.Team).RequireAntiforgery().ExcludeFromDescription();
        return app;
    }

    public static async Task<RedirectHttpResult> MoveLead(Guid id, [FromForm(Name = "stage")] string? stage, TallyDb db, CancellationToken ct)
    {
        if (stage is null || !WorkflowStages.Lead.Contains(stage, StringComparer.Ordinal))
        {
            return TypedResults.Redirect("/pipeline?problem=unknown-stage");
        }
        var (outcome, _) = await WorkflowQueries.MoveAsync(db, id, stage, null, ct);
        return outcome switch
        {
            StageChangeOutcome.Moved => TypedResults.Redirect($"/pipeline?moved={id}"),
            StageChangeOutcome.Forbidden => TypedResults.Redirect("/pipeline?problem=forbidden"),
            _ => TypedResults.Redirect("/pipeline?problem=not-found"),
        };
    }
}
