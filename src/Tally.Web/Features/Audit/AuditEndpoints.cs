using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Audit;

internal static class AuditEndpoints
{
    public static RouteGroupBuilder MapAudit(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/audit").WithTags("Audit").RequireAuthorization(TallyAuthentication.Admins);
        group.MapGet("/{table}/{id:guid}", GetHistory)
            .WithName(nameof(GetHistory))
            .WithSummary("A record's change history, or the record as it was at a moment")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithDescription("Without `asOf`: every audited change of the record, oldest first (who, when, action, each changed field from and to). With `asOf` (an ISO 8601 instant): the record's values at that moment, rebuilt from the trail; 404 when it did not exist then. Owners and admins only.");
        return group;
    }

    public static async Task<Results<Ok<AuditHistoryPage>, Ok<AuditSnapshot>, ValidationProblem, ProblemHttpResult>> GetHistory(
        [AsParameters] AuditHistoryRequest request, TallyDb db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!AuditTables.Audited.Contains(request.Table))
        {
            errors["table"] = [$"'{Shorten(request.Table)}' is not an audited table."];
        }
        DateTimeOffset? asOf = null;
        if (request.AsOf is { } text)
        {
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                asOf = parsed;
            }
            else
            {
                errors["asOf"] = ["asOf must be an ISO 8601 instant, such as 2026-05-01T12:00:00Z."];
            }
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var rows = await AuditQueries.RowsAsync(db, request.Table, request.Id, ct);
        if (asOf is null)
        {
            return TypedResults.Ok(new AuditHistoryPage(request.Table, request.Id, rows.Select(AuditHistory.ToChange).ToList()));
        }
        return AuditHistory.AsOf(rows, asOf.Value) is { } values
            ? TypedResults.Ok(new AuditSnapshot(request.Table, request.Id, asOf.Value, values))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"The record did not exist at {asOf.Value:O} (or has no audit trail then).");
    }

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "…";
}

/// <summary>The route and query parameters of <see cref="AuditEndpoints.GetHistory"/>.</summary>
internal sealed record AuditHistoryRequest(
    [FromRoute(Name = "table")][property: Description("An audited table, such as leads or quotes.")] string Table,
    [FromRoute(Name = "id")][property: Description("The record's id.")] Guid Id,
    [FromQuery(Name = "asOf")][property: Description("An ISO 8601 instant: return the record as it was then.")] string? AsOf);
