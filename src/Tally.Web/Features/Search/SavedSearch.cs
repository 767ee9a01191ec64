using System.Text.Json.Serialization;

namespace Tally.Web.Features.Search;

/// <summary>A named search of a team member. <c>EntityType</c> is all, leads, clients or sessions.</summary>
public sealed record SavedSearch(Guid Id, string Name, string EntityType, SavedSearchCriteria Criteria, bool IsDefault, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>What a saved search runs: the text and the types (stored as jsonb).</summary>
public sealed record SavedSearchCriteria(
    [property: JsonPropertyName("q")] string Q,
    [property: JsonPropertyName("types")] IReadOnlyList<string>? Types);

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
