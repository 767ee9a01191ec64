using Microsoft.AspNetCore.Http.HttpResults;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Documents;

/// <summary>
/// A portal client downloads the documents filed under them (their own and their sessions').
/// Row-level security (documents_client_read) shows a client no other client's row, so another
/// client's document id is simply not found.
/// </summary>
internal static class PortalDocuments
{
    public static IEndpointRouteBuilder MapPortalDocuments(this IEndpointRouteBuilder app)
    {
        app.MapGet("/portal/documents/{id:guid}", DownloadAsync).RequireAuthorization(TallyAuthentication.Client).ExcludeFromDescription();
        return app;
    }

    private static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult>> DownloadAsync(Guid id, TallyDb db, DocumentStore store, HttpContext http, CancellationToken ct)
    {
        var document = await DocumentQueries.FindForClientAsync(db, id, ct);
        return document is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "There is no document of yours with that id.")
            : DocumentEndpoints.Send(document, store, http);
    }
}
