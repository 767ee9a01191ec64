using CsvHelper;
using Microsoft.AspNetCore.Mvc;
using Tally.Web.Features.Studios;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Clients;

/// <summary>
/// GET /clients/export.csv?q=…: every client the list's filter shows (all pages), as CSV. Text
/// that a spreadsheet would run as a formula (= + - @, tab, CR first) is written with a leading '
/// so it opens as text: an export must not carry an attack from a client's name into Excel.
/// </summary>
internal static class ClientExport
{
    public static readonly string[] Header =
    [
        "id", "created_at", "first_name", "last_name", "partner_name", "email", "phone", "address_line1", "address_line2",
        "city", "region", "postal_code", "country", "notes",
    ];

    public static IEndpointRouteBuilder MapClientExport(this IEndpointRouteBuilder app)
    {
        app.MapGet("/clients/export.csv", ExportAsync).RequireAuthorization(TallyAuthentication.Team).ExcludeFromDescription();
        return app;
    }

    public static async Task<IResult> ExportAsync([FromQuery(Name = "q")] string? q, TallyDb db, HttpContext http, CancellationToken ct)
    {
        var (query, errors) = ClientListQuery.Parse(q, null, null);
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (db.Claims.StudioId is not { } studioId || await StudioQueries.FindByIdAsync(db, studioId, ct) is not { } studio)
        {
            return TypedResults.NotFound();
        }
        // Read everything before the first byte goes out: the response's start commits the request's
        // transaction, and with it goes the claims that row-level security reads.
        var clients = await ClientQueries.AllAsync(db, studio.Id, query, ct);
        await Audit.AuditEvents.RecordExportAsync(db, "clients", new { q, rows = clients.Count }, ct);
        await db.CommitAsync(ct);

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{studio.Slug}-clients.csv\"";
        await using var csv = CsvWriter.Create(http.Response.Body, CsvWriterOptions.Default with { Injection = CsvInjection.Escape }, leaveOpen: true);
        csv.WriteHeader(Header);
        foreach (var c in clients)
        {
            csv.WriteField(c.Id.ToString());
            csv.WriteField(c.CreatedAt, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'");
            foreach (var value in new[] { c.FirstName, c.LastName, c.PartnerName, c.Email, c.Phone, c.AddressLine1, c.AddressLine2, c.City, c.Region, c.PostalCode, c.Country, c.Notes })
            {
                csv.WriteField(value);
            }
            await csv.EndRecordAsync(ct);
        }
        await csv.FlushAsync(ct);
        return TypedResults.Empty;
    }
}
