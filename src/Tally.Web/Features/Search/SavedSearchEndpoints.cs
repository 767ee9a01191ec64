using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Search;

/// <summary>A team member's saved searches: list, create, rename or make default, delete, apply.</summary>
internal static class SavedSearchEndpoints
{
    public static RouteGroupBuilder MapSavedSearches(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/saved-searches").WithTags("Search").RequireAuthorization(TallyAuthentication.Team);
        group.MapGet("/", ListSavedSearches).WithName(nameof(ListSavedSearches)).WithSummary("List your saved searches");
        group.MapPost("/", CreateSavedSearch).WithName(nameof(CreateSavedSearch))
            .WithSummary("Save a search")
            .WithDescription("criteria is {\"q\": \"…\", \"types\": [\"leads\", …]} and optionally the filters of GET /search (status, source, from, to, assignedTo, as text). isDefault makes it the default of its entity type (the previous default stops being one).");
        group.MapPatch("/{id:guid}", UpdateSavedSearch).WithName(nameof(UpdateSavedSearch)).WithSummary("Rename a saved search or make it the default");
        group.MapDelete("/{id:guid}", DeleteSavedSearch).WithName(nameof(DeleteSavedSearch)).WithSummary("Delete a saved search");
        group.MapGet("/{id:guid}/results", ApplySavedSearch).WithName(nameof(ApplySavedSearch))
            .WithSummary("Run a saved search")
            .WithDescription("The results of the saved criteria, exactly as GET /search answers them; limit and page as there.");
        return group;
    }

    public static async Task<Ok<List<SavedSearch>>> ListSavedSearches(TallyDb db, CancellationToken ct) =>
        TypedResults.Ok(await SavedSearchQueries.ListAsync(db, ct));

    public static async Task<Results<Created<SavedSearch>, ValidationProblem>> CreateSavedSearch(CreateSavedSearch body, TallyDb db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        SavedSearchRules.CheckName(body.Name, errors, required: true);
        if (body.EntityType is null || !SavedSearchRules.EntityTypes.Contains(body.EntityType, StringComparer.Ordinal))
        {
            errors["entityType"] = [$"entityType must be one of: {string.Join(", ", SavedSearchRules.EntityTypes)}."];
        }
        var criteria = body.Criteria;
        if (criteria is null)
        {
            errors["criteria"] = ["criteria is required: {\"q\": \"…\", \"types\": […]}."];
        }
        else
        {
            var (_, criteriaErrors) = criteria.ToRequest(null, null);
            foreach (var (key, messages) in criteriaErrors)
            {
                errors["criteria." + key] = messages;
            }
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var saved = await SavedSearchQueries.CreateAsync(db, body.Name!, body.EntityType!, criteria!, body.IsDefault ?? false, ct);
        return TypedResults.Created($"/api/v1/saved-searches/{saved.Id}", saved);
    }

    public static async Task<Results<Ok<SavedSearch>, NotFound, ValidationProblem>> UpdateSavedSearch(Guid id, UpdateSavedSearch body, TallyDb db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        SavedSearchRules.CheckName(body.Name, errors, required: false);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var saved = await SavedSearchQueries.UpdateAsync(db, id, body.Name, body.IsDefault, ct);
        return saved is null ? TypedResults.NotFound() : TypedResults.Ok(saved);
    }

    public static async Task<Results<NoContent, NotFound>> DeleteSavedSearch(Guid id, TallyDb db, CancellationToken ct) =>
        await SavedSearchQueries.DeleteAsync(db, id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static async Task<Results<Ok<SearchResponse>, NotFound, ValidationProblem>> ApplySavedSearch(
        Guid id, [FromQuery(Name = "limit")] string? limit, [FromQuery(Name = "page")] string? page, TallyDb db, CancellationToken ct)
    {
        var saved = await SavedSearchQueries.FindAsync(db, id, ct);
        if (saved is null)
        {
            return TypedResults.NotFound();
        }
        var (request, errors) = saved.Criteria.ToRequest(limit, page);
        if (request is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        return TypedResults.Ok(await SearchService.RunAsync(db, request, ct));
    }
}
