using System.Text.Json;

namespace Tally.Tests.Web;

/// <summary>The Big List of Naughty Strings, from shared/data/blns beside the repository.</summary>
internal static class Blns
{
    private static readonly Lazy<IReadOnlyList<string>> Strings = new(Load);

    public static IReadOnlyList<string> All => Strings.Value;

    private static List<string> Load()
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "data", "blns", "blns.json"));
        // A missing list fails the hostile-input tests: they must never pass by testing nothing.
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The Big List of Naughty Strings is missing: expected {path}", path);
        }
        var strings = JsonSerializer.Deserialize<List<string>>(File.ReadAllText(path)) ?? [];
        Assert.True(strings.Count > 500, $"{path} holds only {strings.Count} strings");
        return strings;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tally.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No folder holding Tally.slnx above {AppContext.BaseDirectory}");
    }
}
