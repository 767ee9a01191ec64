using System.Text.Json;
using Dapper;
using Npgsql;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Audit;

/// <summary>
/// Security events (sign-ins, failed sign-ins, exports, token use …) as audit_log rows with actions of their own,
/// through the definer function audit.record_event. Written in the request's transaction, so an
/// event and what it describes commit together.
/// </summary>
public static class AuditEvents
{
    public const string SignIn = "sign_in";
    public const string SignInFailed = "sign_in_failed";

    /// <summary>A CSV export: what was exported and with which criteria (metadata).</summary>
    public const string Export = "export";

    /// <summary>An API token used; written by auth.authenticate_api_token at most once a minute per token (migration 0023).</summary>
    public const string TokenUsed = "token_used";

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

    /// <summary>
    /// Records an export in the request's transaction, before the first byte of the file goes out
    /// (the response's start commits it): who exported is in the claims, what and how in metadata.
    /// </summary>
    public static async Task RecordExportAsync(TallyDb db, string what, object? criteria, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "SELECT audit.record_event(@action, @metadata::jsonb)",
            new { action = Export, metadata = JsonSerializer.Serialize(new { what, criteria }) },
            cancellationToken: ct));
    }
}
