using Tally.Web.Features.Studios;

namespace Tally.Web.Features.Leads;

/// <summary>The parameters of a leads list, checked the same way for the API and the admin app.</summary>
public sealed record LeadListQuery(string Slug, int Page, int PageSize, string? Status)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;

    /// <summary>Rows to skip; a long, so that page × pageSize cannot overflow.</summary>
    public long Offset => (long)(Page - 1) * PageSize;

    /// <summary>The errors of each parameter, by the parameter's name; empty when the query is valid.</summary>
    public static Dictionary<string, string[]> Validate(string? slug, int? page, int? pageSize, string? status)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!StudioSlug.IsValid(slug))
        {
            errors["slug"] = [StudioSlug.Rule];
        }
        if (page < 1)
        {
            errors["page"] = ["page must be 1 or more."];
        }
        if (pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}."];
        }
        if (!string.IsNullOrEmpty(status) && !LeadStatuses.IsKnown(status))
        {
            errors["status"] = [$"status must be one of: {string.Join(", ", LeadStatuses.All)}."];
        }
        return errors;
    }

    /// <summary>The query with defaults filled in; call after <see cref="Validate"/> found nothing.</summary>
    public static LeadListQuery From(string slug, int? page, int? pageSize, string? status) =>
        new(slug, page ?? 1, pageSize ?? DefaultPageSize, string.IsNullOrEmpty(status) ? null : status);
}
