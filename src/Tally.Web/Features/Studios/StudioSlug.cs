using System.Text.RegularExpressions;

namespace Tally.Web.Features.Studios;

/// <summary>The shape of a studio slug, the same rule as the studios_slug_format constraint.</summary>
internal static partial class StudioSlug
{
    public const string Rule = "A studio slug is 2 to 63 lowercase letters, digits and single hyphens, such as aurora-studio.";

    public static bool IsValid(string? slug) =>
        slug is { Length: >= 2 and <= 63 } && Pattern().IsMatch(slug);

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
