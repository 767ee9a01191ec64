using Dapper;
using Npgsql;
using Tally.Web.Features.Workflow;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Sessions;

/// <summary>A session's status and the statuses it may move to (workflow.allowed_transitions in the database).</summary>
public sealed class SessionStage
{
    public Guid Id { get; init; }

    public string Status { get; init; } = "";

    public string[] NextStatuses { get; init; } = [];
}

/// <summary>What a status change came to.</summary>
public enum SessionMoveOutcome
{
    Moved,
    NotFound,

    /// <summary>The state machine forbids it, or the session already has that status.</summary>
    Forbidden,

    /// <summary>The status needs a start and an end (sessions_scheduled_when_booked) the session lacks.</summary>
    NeedsDate,

    /// <summary>Back from cancelled, the session would hold its photographer at a time already taken.</summary>
    Overlaps,
}

/// <summary>
/// The status machine of sessions (docs/workflow.md): the database's trigger
/// sessions_workflow_status decides and records; this asks it what is allowed, moves a session,
/// and reads its transitions.
/// </summary>
internal static class SessionWorkflow
{
    /// <summary>The statuses that need the session scheduled (the CHECK sessions_scheduled_when_booked).</summary>
    public static bool NeedsSchedule(string status) => status is not ("inquiry" or "cancelled");

    public static async Task<string[]> NextStatusesAsync(TallyDb db, string from, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<string[]>(new CommandDefinition(
            "SELECT workflow.next_stages('session', @from)", new { from }, cancellationToken: ct)) ?? [];
    }

    /// <summary>The words of a refused move, as the trigger says them.</summary>
    public static string Forbidden(string from, string to, IReadOnlyCollection<string> next) =>
        $"A session cannot move from {from} to {to}. Allowed next statuses: {(next.Count == 0 ? "none" : string.Join(", ", next))}.";

    public static async Task<SessionStage?> FindAsync(TallyDb db, Guid studio, Guid id, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<SessionStage>(new CommandDefinition("""
            SELECT id, status, workflow.next_stages('session', status) AS nextstatuses
            FROM sessions WHERE studio_id = @studio AND id = @id
            """, new { studio, id }, cancellationToken: ct));
    }

    /// <summary>
    /// Moves a session to <paramref name="status"/> with the person's <paramref name="reason"/>.
    /// The trigger has the last word; the savepoint keeps the request's transaction usable when it
    /// refuses (a change made meanwhile by someone else).
    /// </summary>
    public static async Task<(SessionMoveOutcome Outcome, string? Message)> MoveAsync(
        TallyDb db, Guid studio, Guid id, string status, string? reason, CancellationToken ct)
    {
        if (await SessionQueries.FindAsync(db, studio, id, ct) is not { } session)
        {
            return (SessionMoveOutcome.NotFound, null);
        }
        if (session.Status == status)
        {
            return (SessionMoveOutcome.Forbidden, $"The session is already {status}.");
        }
        var next = await NextStatusesAsync(db, session.Status, ct);
        if (!next.Contains(status, StringComparer.Ordinal))
        {
            return (SessionMoveOutcome.Forbidden, Forbidden(session.Status, status, next));
        }
        if (NeedsSchedule(status) && session.StartsAt is null)
        {
            return (SessionMoveOutcome.NeedsDate, $"A {status} session needs a start and an end: edit the session to give them first.");
        }
        if (session.Status == "cancelled" && session.StartsAt is not null)
        {
            var values = new SessionValues(session.ClientId, session.SessionType, session.Title, session.StartsAt, session.EndsAt,
                session.LocationName, session.Address, session.Latitude, session.Longitude, status, session.PackageName,
                session.PackagePrice, session.Currency, session.AssignedTo, session.Notes, AllowOverlap: false);
            var conflicts = await SessionQueries.ConflictsAsync(db, studio, values, id, ct);
            if (conflicts.Count > 0)
            {
                return (SessionMoveOutcome.Overlaps, "The photographer already has a session at that time: "
                    + string.Join("; ", conflicts.Select(c => c.Title)) + ". Edit the session to move it first.");
            }
        }
        var conn = await db.ConnectionAsync(ct);
        await SetReasonAsync(conn, reason ?? "", ct);
        await conn.ExecuteAsync(new CommandDefinition("SAVEPOINT session_status", cancellationToken: ct));
        try
        {
            var moved = await conn.ExecuteAsync(new CommandDefinition(
                "UPDATE sessions SET status = @status, updated_at = now() WHERE studio_id = @studio AND id = @id AND status <> @status",
                new { status, studio, id }, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition("RELEASE SAVEPOINT session_status", cancellationToken: ct));
            // The reason belongs to this move only, not to a later update of the same request.
            await SetReasonAsync(conn, "", ct);
            return moved == 1 ? (SessionMoveOutcome.Moved, null) : (SessionMoveOutcome.Forbidden, $"The session is already {status}.");
        }
        catch (PostgresException e) when (e.SqlState is WorkflowQueries.ForbiddenTransitionState or PostgresErrorCodes.CheckViolation)
        {
            // Someone changed the session since it was read above: the database's answer stands.
            await conn.ExecuteAsync(new CommandDefinition("ROLLBACK TO SAVEPOINT session_status", cancellationToken: ct));
            await SetReasonAsync(conn, "", ct);
            return e.SqlState == PostgresErrorCodes.CheckViolation
                ? (SessionMoveOutcome.NeedsDate, $"A {status} session needs a start and an end: edit the session to give them first.")
                : (SessionMoveOutcome.Forbidden, e.MessageText + (e.Hint is { Length: > 0 } hint ? ". " + hint + "." : "."));
        }
    }

    public static async Task<List<StageTransition>> TransitionsAsync(TallyDb db, Guid studio, Guid id, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return (await conn.QueryAsync<StageTransition>(new CommandDefinition("""
            SELECT id, from_stage AS fromstage, to_stage AS tostage, transitioned_at AS transitionedat,
                   transitioned_by AS transitionedby, transition_reason AS reason, automated
            FROM workflow_transitions
            WHERE studio_id = @studio AND entity_type = 'session' AND entity_id = @id
            ORDER BY transitioned_at, id
            """, new { studio, id }, cancellationToken: ct))).AsList();
    }

    private static async Task SetReasonAsync(NpgsqlConnection conn, string reason, CancellationToken ct)
    {
        await using var set = new NpgsqlCommand("SELECT set_config('workflow.reason', $1, true)", conn);
        set.Parameters.AddWithValue(reason);
        await set.ExecuteNonQueryAsync(ct);
    }
}
