using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Search;

internal static class SearchEndpoints
{
    /// <summary>GET /search under the API group (which requires the team policy).</summary>
    public static RouteGroupBuilder MapSearch(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/search").WithTags("Search").RequireAuthorization(TallyAuthentication.Team);
        group.MapGet("/", Search)
            .WithName(nameof(Search))
            .WithSummary("Search leads, clients and sessions")
            .WithDescription("""
                Ranked results of every requested type, for the caller's studio and only what the caller may see.
                Every word matches as a prefix; "quoted words" must appear in order; -word excludes. Email addresses
                and phone numbers match whole or in part. When few results are found, close spellings of the words are
                tried and the answer says so (`fuzzy`, `suggestion`). Filters (status, stage, source, from, to, createdFrom,
                createdTo, assignedTo) narrow the types they apply to and leave out the others (clients only the creation
                dates; sessions status, dates and creation dates). `title` and `snippet` are lists of text segments;
                `match: true` marks the parts that matched. Sessions are also found by their client's name and email:
                `matchedFields` then says `client` or `client email`.
                """);
        return group;
    }

    public static async Task<Results<Ok<SearchResponse>, ValidationProblem>> Search(
        [AsParameters] SearchParameters parameters, TallyDb db, CancellationToken ct)
    {
        var (request, errors) = SearchRequest.From(
            parameters.Q, parameters.Types, parameters.Limit, parameters.Page,
            new SearchFilterText(parameters.Status, parameters.Source, parameters.From, parameters.To, parameters.AssignedTo,
                parameters.Stage, parameters.CreatedFrom, parameters.CreatedTo));
        if (request is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return TypedResults.Ok(await SearchService.RunAsync(db, request, ct));
    }
}

/// <summary>
/// The query string of <see cref="SearchEndpoints.Search"/>. Numbers are taken as text and checked
/// by <see cref="SearchRequest"/>, so a malformed one is a 400 naming it, not a binding failure.
/// </summary>
internal sealed record SearchParameters(
    [FromQuery(Name = "q")][property: Description("What to search for, up to 200 characters.")] string? Q,
    [FromQuery(Name = "types")][property: Description("Comma-separated: leads, clients, sessions. All when omitted.")] string? Types,
    [FromQuery(Name = "limit")][property: Description("Results per page, 1 to 50; 10 when omitted.")] string? Limit,
    [FromQuery(Name = "page")][property: Description("1-based page, up to 20; 1 when omitted.")] string? Page,
    [FromQuery(Name = "status")][property: Description("Comma-separated lead or session statuses (the schema's lists).")] string? Status,
    [FromQuery(Name = "source")][property: Description("Comma-separated lead sources (the schema's list).")] string? Source,
    [FromQuery(Name = "from")][property: Description("Earliest event date (leads) or session date, yyyy-MM-dd.")] string? From,
    [FromQuery(Name = "to")][property: Description("Latest event date (leads) or session date, yyyy-MM-dd, inclusive.")] string? To,
    [FromQuery(Name = "assignedTo")][property: Description("Leads assigned to this team member (id).")] string? AssignedTo,
    [FromQuery(Name = "stage")][property: Description("Comma-separated lead workflow stages: inquiry, contacted, consultation, proposal_sent, booked, completed, lost, archived.")] string? Stage,
    [FromQuery(Name = "createdFrom")][property: Description("Records created on or after this day of the studio's calendar, yyyy-MM-dd.")] string? CreatedFrom,
    [FromQuery(Name = "createdTo")][property: Description("Records created on or before this day of the studio's calendar, yyyy-MM-dd, inclusive.")] string? CreatedTo);
