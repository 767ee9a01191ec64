using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Studios;

internal static class StudioEndpoints
{
    public static RouteGroupBuilder MapStudios(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/studios").WithTags("Studios");
        group.MapGet("/", ListStudios)
            .WithName(nameof(ListStudios))
            .WithSummary("List studios")
            .WithDescription("Every studio of this Tally host, ordered by slug.");
        return group;
    }

    public static async Task<Ok<IReadOnlyList<Studio>>> ListStudios(TallyDb db, CancellationToken ct) =>
        TypedResults.Ok(await StudioQueries.ListAsync(db, ct));
}
