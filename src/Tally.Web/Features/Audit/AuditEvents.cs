using System.Text.Json;
using Dapper;
using Npgsql;

namespace Tally.Web.Features.Audit;

/// <summary>
/// Security events (sign-ins, failed sign-ins …) as audit_log rows with actions of their own,
/// through the definer function audit.record_event. Written in the request's transaction, so an
/// event and what it describes commit together.
/// </summary>
public static class AuditEvents
{
    public const string SignIn = "sign_in";
    public const string SignInFailed = "sign_in_failed";

    /// <summary>
    /// Records <paramref name="action"/> once for each of <paramref name="studios"/>: at sign-in the
    /// request has no studio yet, so the event goes to the studio(s) of the accounts concerned.
    /// </summary>
    public static async Task RecordAsync(NpgsqlConnection conn, string action, object metadata, IEnumerable<Guid> studios, CancellationToken ct)
    {
        await conn.ExecuteAsync(new CommandDefinition(
            "SELECT audit.record_event(@action, @metadata::jsonb, s) FROM unnest(@studios) s",
            new { action, metadata = JsonSerializer.Serialize(metadata), studios = studios.Distinct().ToArray() },
            cancellationToken: ct));
    }
}
