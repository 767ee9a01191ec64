namespace Tally.Data.Import;

/// <summary>One thing wrong with a file: the line it is on (1 is the header), the column, and what to fix.</summary>
public sealed record ImportProblem(int Line, string? Column, string Message)
{
    public override string ToString() => Column is null ? $"line {Line}: {Message}" : $"line {Line}, {Column}: {Message}";
}

/// <summary>Where an import is: reading and checking the file, or writing its rows.</summary>
public enum ImportPhase
{
    Checking,
    Writing,
}

/// <summary>Progress of an import: <paramref name="Done"/> of <paramref name="Total"/> (bytes while checking, rows while writing).</summary>
public readonly record struct ImportProgress(ImportPhase Phase, long Done, long Total);
