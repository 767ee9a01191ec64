namespace Tally.Data.Cluster;

/// <summary>
/// A failure the person at the terminal can fix. The CLI prints its message as one line, with no
/// stack trace, and exits non-zero; the message names the fix.
/// </summary>
public sealed class UserFacingException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
