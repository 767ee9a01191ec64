using System.Text.Json;
using Tally.Data.Cluster;

namespace Tally.Tests.Web;

/// <summary>
/// The Big List of Naughty Strings (MIT, see tests/data/blns/LICENSE), kept in the repository so a
/// clean clone tests with it wherever it is checked out.
/// </summary>
internal static class Blns
{
    private static readonly Lazy<IReadOnlyList<string>> Strings = new(Load);

    public static IReadOnlyList<string> All => Strings.Value;

    private static List<string> Load()
    {
        var path = Path.Combine(RepoPaths.Root, "tests", "data", "blns", "blns.json");
        // A missing list fails the hostile-input tests: they must never pass by testing nothing.
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The Big List of Naughty Strings is missing: expected {path}", path);
        }
        var strings = JsonSerializer.Deserialize<List<string>>(File.ReadAllText(path)) ?? [];
        Assert.True(strings.Count > 500, $"{path} holds only {strings.Count} strings");
        return strings;
    }
}
