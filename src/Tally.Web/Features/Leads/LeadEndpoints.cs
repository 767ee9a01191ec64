using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Tally.Web.Features.Studios;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Leads;

internal static class LeadEndpoints
{
    public static RouteGroupBuilder MapLeads(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/studios/{slug}/leads").WithTags("Leads");
        group.MapGet("/", ListLeads)
            .WithName(nameof(ListLeads))
            .WithSummary("List a studio's leads")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithDescription("A page of the studio's leads, newest first, optionally of one status. `hasNext` tells whether another page follows; there is no total count.");
        return group;
    }

    public static async Task<Results<Ok<LeadPage>, ValidationProblem, ProblemHttpResult>> ListLeads(
        [AsParameters] ListLeadsRequest request, TallyDb db, CancellationToken ct)
    {
        var errors = LeadListQuery.Validate(request.Slug, request.Page, request.PageSize, request.Status);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var studio = await StudioQueries.FindAsync(db, request.Slug, ct);
        // Row-level security shows a member only their own studio; the check here says the same, so
        // another studio's slug is simply not found, whatever the policies.
        if (studio is null || studio.Id != db.Claims.StudioId)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"There is no studio with the slug '{request.Slug}'.");
        }
        var query = LeadListQuery.From(request.Slug, request.Page, request.PageSize, request.Status);
        return TypedResults.Ok(await LeadQueries.PageAsync(db, studio, query, ct));
    }
}

/// <summary>The route and query parameters of <see cref="LeadEndpoints.ListLeads"/>.</summary>
internal sealed record ListLeadsRequest(
    [FromRoute(Name = "slug")][property: Description("The studio's slug, such as aurora-studio.")] string Slug,
    [FromQuery(Name = "page")][property: Description("1-based page number; 1 when omitted.")] int? Page,
    [FromQuery(Name = "pageSize")][property: Description("Leads per page, 1 to 200; 50 when omitted.")] int? PageSize,
    [FromQuery(Name = "status")][property: Description("Only leads of this status: new, contacted, qualified, proposal_sent, won, lost or archived.")] string? Status);
