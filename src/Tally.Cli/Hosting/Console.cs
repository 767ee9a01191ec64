namespace Tally.Cli.Hosting;

/// <summary>What the CLI says to the person at the terminal.</summary>
internal static class Say
{
    public static void Line(string message) => Console.Error.WriteLine(message);
}
