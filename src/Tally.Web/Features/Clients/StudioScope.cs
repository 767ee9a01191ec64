using Microsoft.AspNetCore.Http.HttpResults;
using Tally.Web.Features.Studios;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Clients;

/// <summary>The studio of an API route (/api/v1/studios/{slug}/…): the caller's own, or not found.</summary>
internal static class StudioScope
{
    /// <summary>
    /// The studio when the slug is the caller's; otherwise a 404 that reads the same whether the
    /// studio does not exist or is another's: row-level security would hide its rows anyway, and
    /// the answer must not tell which slugs exist.
    /// </summary>
    public static async Task<(Studio? Studio, ProblemHttpResult? NotFound)> ResolveAsync(TallyDb db, string slug, CancellationToken ct)
    {
        var studio = await StudioQueries.FindAsync(db, slug, ct);
        if (studio is null || studio.Id != db.Claims.StudioId)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "There is no studio of yours with that slug."));
        }
        return (studio, null);
    }

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"There is no {what} of your studio with that id.");

    public static ProblemHttpResult PreconditionRequired() =>
        TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "Precondition Required",
            detail: "Send the version you read in an If-Match header (the ETag of the GET), so that a change made meanwhile is not overwritten.");

    public static ProblemHttpResult PreconditionFailed(string? current) =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition Failed",
            detail: "The record changed since you read it: read it again, apply your change to what it is now, and send its new ETag in If-Match.",
            extensions: current is null ? null : new Dictionary<string, object?> { ["currentVersion"] = current });
}
