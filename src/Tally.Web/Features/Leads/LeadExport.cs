using System.Globalization;
using CsvHelper;
using Dapper;
using Npgsql;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Leads;

/// <summary>
/// GET /leads/export.csv?&lt;the list's filters&gt;: every lead the filter shows (all pages), in the
/// list's order, streamed row by row as the database yields them.
/// </summary>
internal static class LeadExport
{
    public static IEndpointRouteBuilder MapLeadExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/leads/export.csv", ExportAsync).RequireAuthorization(TallyAuthentication.Team).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// Cells a spreadsheet would run as a formula (=, +, -, @, and tab or carriage return first) get a
    /// leading apostrophe (CsvHelper's defaults for Escape, as OWASP recommends): a lead's name typed
    /// by anyone on the inquiry form must not become a formula on the studio's computer.
    /// </summary>
    public static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };

    public static async Task ExportAsync(HttpContext http, TallyDb db, NpgsqlDataSource dataSource,
        string? status, string? source, string? from, string? to, string? assignedTo, string? archived, string? sort, CancellationToken ct)
    {
        var (query, errors) = LeadListQuery.Parse(status, source, from, to, assignedTo, archived, sort, null, null);
        if (query is null || db.Claims.StudioId is not { } studioId)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync(string.Join(" ", errors.Values.SelectMany(e => e)), ct);
            return;
        }

        await Audit.AuditEvents.RecordExportAsync(db, "leads", new { status, source, from, to, assignedTo, archived, sort }, ct);
        // The request's transaction commits when the response starts; the export reads on its own
        // connection and transaction, with the same claims, so row-level security still applies to
        // every row it streams after the first byte.
        await using var exportDb = new TallyDb(dataSource, db.Claims);
        var conn = await exportDb.ConnectionAsync(ct);
        var (sql, parameters) = LeadListSql.Build(studioId, query, limit: null);

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"leads-{DateTime.UtcNow:yyyyMMdd}.csv\"";
        await using var csv = CsvWriter.Create(http.Response.Body, Options, leaveOpen: true);
        csv.WriteHeader(Headers);
        await foreach (var lead in conn.QueryUnbufferedAsync<LeadSummary>(sql, parameters).WithCancellation(ct))
        {
            csv.WriteField(LeadFormat.Name(lead));
            csv.WriteField(lead.FirstName);
            csv.WriteField(lead.LastName);
            csv.WriteField(lead.Email);
            csv.WriteField(lead.Phone);
            csv.WriteField(lead.EventType);
            csv.WriteField(lead.EventDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            csv.WriteField(lead.Budget?.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(lead.Currency);
            csv.WriteField(lead.Source);
            csv.WriteField(lead.Status);
            csv.WriteField(lead.WorkflowStage);
            csv.WriteField(lead.AssignedToName);
            csv.WriteField(LeadFormat.IsoInstant(lead.CreatedAt));
            csv.WriteField(lead.Id.ToString());
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
        await exportDb.CommitAsync(ct);
    }

    private static readonly string[] Headers =
        ["name", "first_name", "last_name", "email", "phone", "event_type", "event_date", "budget", "currency", "source", "status", "stage", "assigned_to", "created_at", "id"];
}
