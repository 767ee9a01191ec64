using Microsoft.AspNetCore.WebUtilities;

namespace Tally.Web.Features.Search;

/// <summary>
/// Where a hit is shown. Records have no pages of their own yet (they come with the leads, clients
/// and sessions issues); until then a lead links to the leads list of its status and the others to
/// nothing, so that no result is a dead link.
/// </summary>
internal static class SearchLinks
{
    public static string? For(string type, string? status) => type switch
    {
        "lead" when status is not null => QueryHelpers.AddQueryString("/leads", "status", status),
        _ => null,
    };
}
