using Tally.Web.Infrastructure.Records;

namespace Tally.Web.Features.Clients;

/// <summary>The parameters of a clients list, checked the same way for the API, the page and the export.</summary>
/// <param name="Q">The start of a first name, last name, "first last" or email; null for every client.</param>
public sealed record ClientListQuery(string? Q, RecordCursor? After, int Limit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    public const int MaxQueryLength = 100;

    /// <summary>The query, or the errors by parameter name.</summary>
    public static (ClientListQuery? Query, Dictionary<string, string[]> Errors) Parse(string? q, string? after, int? limit)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var term = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        if (term is { Length: > MaxQueryLength })
        {
            errors["q"] = [$"q is at most {MaxQueryLength} characters."];
        }
        else if (term is not null && term.Contains('\0', StringComparison.Ordinal))
        {
            errors["q"] = ["q contains a NUL character."];
        }
        RecordCursor? cursor = null;
        if (!string.IsNullOrEmpty(after))
        {
            if (RecordCursor.TryDecode(after, out var decoded) && decoded.At is not null)
            {
                cursor = decoded;
            }
            else
            {
                errors["after"] = ["after must be the next cursor of a previous page."];
            }
        }
        if (limit is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }
        return errors.Count > 0 ? (null, errors) : (new ClientListQuery(term, cursor, limit ?? DefaultLimit), errors);
    }
}
