namespace Tally.Data.Cluster;

/// <summary>Finds the repository the running build came from.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Release or Debug: the configuration the running assembly was built in.</summary>
    public static string BuildConfiguration { get; } = FindConfiguration();

    public static string WebAssembly => Path.Combine(Root, "src", "Tally.Web", "bin", BuildConfiguration, "net10.0", "Tally.Web.dll");

    public static string WebContentRoot => Path.Combine(Root, "src", "Tally.Web");

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable("TALLY_ROOT") is { Length: > 0 } root)
        {
            return root;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tally.slnx")))
            {
                return dir.FullName;
            }
        }
        return Directory.GetCurrentDirectory();
    }

    private static string FindConfiguration()
    {
        // …/bin/<Configuration>/net10.0/
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return tfm.Parent?.Name is { } config && tfm.Parent.Parent?.Name == "bin" ? config : "Release";
    }
}
