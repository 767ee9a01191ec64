using System.Text.Json.Serialization;

namespace Tally.Web.Features.Search;

/// <summary>A named search of a team member. <c>EntityType</c> is all, leads, clients or sessions.</summary>
public sealed record SavedSearch(Guid Id, string Name, string EntityType, SavedSearchCriteria Criteria, bool IsDefault, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>What a saved search runs: the text, the types and the filters, as GET /search takes them (stored as jsonb).</summary>
public sealed record SavedSearchCriteria(
    [property: JsonPropertyName("q")] string Q,
    [property: JsonPropertyName("types")] IReadOnlyList<string>? Types,
    [property: JsonPropertyName("status"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Status = null,
    [property: JsonPropertyName("source"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Source = null,
    [property: JsonPropertyName("from"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? From = null,
    [property: JsonPropertyName("to"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? To = null,
    [property: JsonPropertyName("assignedTo"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AssignedTo = null,
    [property: JsonPropertyName("stage"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Stage = null,
    [property: JsonPropertyName("createdFrom"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CreatedFrom = null,
    [property: JsonPropertyName("createdTo"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? CreatedTo = null)
{
    /// <summary>Criteria of a search text, its types and its filters as typed.</summary>
    public static SavedSearchCriteria Of(string q, IReadOnlyList<string>? types, SearchFilterText f) =>
        new(q, types, f.Status, f.Source, f.From, f.To, f.AssignedTo, f.Stage, f.CreatedFrom, f.CreatedTo);

    /// <summary>The filters of the criteria, as typed.</summary>
    [JsonIgnore]
    public SearchFilterText Filters => new(Status, Source, From, To, AssignedTo, Stage, CreatedFrom, CreatedTo);

    /// <summary>The criteria as a search request, or the errors by parameter name.</summary>
    public (SearchRequest? Request, Dictionary<string, string[]> Errors) ToRequest(string? limit, string? page) =>
        SearchRequest.From(Q, Types is { Count: > 0 } t ? string.Join(',', t) : null, limit, page, Filters);
}

/// <summary>The body of POST /saved-searches.</summary>
public sealed record CreateSavedSearch(string? Name, string? EntityType, SavedSearchCriteria? Criteria, bool? IsDefault);

/// <summary>The body of PATCH /saved-searches/{id}: a new name, and/or whether it is the default of its type.</summary>
public sealed record UpdateSavedSearch(string? Name, bool? IsDefault);

internal static class SavedSearchRules
{
    public const int MaxNameLength = 100;

    public static IReadOnlyList<string> EntityTypes { get; } = ["all", "leads", "clients", "sessions"];

    public static void CheckName(string? name, Dictionary<string, string[]> errors, bool required)
    {
        if (name is null ? required : string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            errors["name"] = [$"name must be 1 to {MaxNameLength} characters, without control characters."];
        }
    }
}
