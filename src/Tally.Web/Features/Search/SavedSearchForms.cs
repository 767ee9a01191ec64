using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Search;

/// <summary>
/// The form posts of the saved-searches page (/search/saved) and of the results page's "Save this
/// search" form: save, rename, make default, delete. Each answers with a redirect to the page and a
/// code (never a text of the request's) that the page turns into a message.
/// </summary>
internal static class SavedSearchForms
{
    public const string Page = "/search/saved";

    /// <summary>The results page's parameter naming the saved search it applied (its id).</summary>
    public const string AppliedParameter = "saved";

    public static IEndpointRouteBuilder MapSavedSearchForms(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Page).RequireAuthorization(TallyAuthentication.Team).ExcludeFromDescription();
        group.MapPost("/", Save);
        group.MapPost("/{id:guid}/rename", Rename);
        group.MapPost("/{id:guid}/default", MakeDefault).RequireAntiforgery();
        group.MapPost("/{id:guid}/delete", Delete).RequireAntiforgery();
        return app;
    }

    public static readonly IReadOnlyDictionary<string, string> Messages = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["saved"] = "The search was saved.",
        ["renamed"] = "The search was renamed.",
        ["default"] = "The search is now the default of its type.",
        ["deleted"] = "The search was deleted.",
        ["name"] = $"Give the search a name of 1 to {SavedSearchRules.MaxNameLength} characters.",
        ["criteria"] = "That search cannot be saved: its text or filters are not valid.",
        ["missing"] = "There is no such saved search of yours.",
    };

    public static async Task<RedirectHttpResult> Save(
        [FromForm(Name = "name")] string? name, [FromForm(Name = "q")] string? q, [FromForm(Name = "types")] string? types,
        HttpRequest http, TallyDb db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        SavedSearchRules.CheckName(name, errors, required: true);
        if (errors.Count > 0)
        {
            return Done("name");
        }
        var typeList = SearchTypes.Parse(types);
        // The filters by name from the form the binder already read (the names of SearchFilterText).
        var form = await http.ReadFormAsync(ct);
        var criteria = SavedSearchCriteria.Of(q ?? "", string.IsNullOrEmpty(types) ? null : typeList,
            SearchFilterText.Read(key => form[key].FirstOrDefault()));
        var (request, _) = criteria.ToRequest(null, null);
        if (request is null || string.IsNullOrWhiteSpace(q))
        {
            return Done("criteria");
        }
        var entityType = request.Types.Count == 1 ? request.Types[0] : "all";
        await SavedSearchQueries.CreateAsync(db, name!, entityType, criteria, isDefault: false, ct);
        return Done("saved");
    }

    public static async Task<RedirectHttpResult> Rename(Guid id, [FromForm(Name = "name")] string? name, TallyDb db, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        SavedSearchRules.CheckName(name, errors, required: true);
        if (errors.Count > 0)
        {
            return Done("name");
        }
        return Done(await SavedSearchQueries.UpdateAsync(db, id, name, null, ct) is null ? "missing" : "renamed");
    }

    public static async Task<RedirectHttpResult> MakeDefault(Guid id, TallyDb db, CancellationToken ct) =>
        Done(await SavedSearchQueries.UpdateAsync(db, id, null, true, ct) is null ? "missing" : "default");

    public static async Task<RedirectHttpResult> Delete(Guid id, TallyDb db, CancellationToken ct) =>
        Done(await SavedSearchQueries.DeleteAsync(db, id, ct) ? "deleted" : "missing");

    /// <summary>
    /// The results page's address for saved criteria (the "apply" link). With <paramref name="savedId"/>
    /// (the default applied by the results page), the page names the saved search it shows and offers
    /// to clear it.
    /// </summary>
    public static string ApplyLink(SavedSearchCriteria criteria, Guid? savedId = null)
    {
        var query = new List<KeyValuePair<string, string?>> { new("q", criteria.Q) };
        if (criteria.Types is { Count: 1 } one)
        {
            query.Add(new("types", one[0]));
        }
        else if (criteria.Types is { Count: > 1 } several)
        {
            query.Add(new("types", string.Join(',', several)));
        }
        query.AddRange(criteria.Filters.Pairs().Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)));
        if (savedId is { } id)
        {
            query.Add(new(AppliedParameter, id.ToString()));
        }
        return QueryHelpers.AddQueryString("/search", query);
    }

    private static RedirectHttpResult Done(string code) => TypedResults.Redirect(Page + "?done=" + code);
}
