using Dapper;
using Npgsql;
using Tally.Tests.Security;

namespace Tally.Tests.Workflow;

/// <summary>
/// The session status machine as the database enforces it (migration 0019): forbidden moves refused
/// with nothing changed, every allowed move recorded exactly once in its own transaction, the lead
/// machine left as it was.
/// </summary>
public sealed class SessionWorkflowSqlTests(SecurityDatabase db) : IClassFixture<SecurityDatabase>
{
    private sealed record Transition(string? FromStage, string ToStage, string? TransitionedBy, string? TransitionReason, bool Automated, bool Timed);

    private const string Move = "UPDATE sessions SET status = @status WHERE studio_id = @studio AND id = @id";

    private const string Transitions = """
        SELECT from_stage AS fromstage, to_stage AS tostage, transitioned_by AS transitionedby, transition_reason AS transitionreason, automated,
               metadata ? 'time_in_previous_stage_seconds' AS timed
        FROM workflow_transitions WHERE entity_type = 'session' AND entity_id = @id ORDER BY transitioned_at, id
        """;

    public static TheoryData<string, string, string> Forbidden => new()
    {
        // (which session, its status, the status it may not go to)
        { "inquiry", "inquiry", "completed" },
        { "inquiry", "inquiry", "delivered" },
        { "booked", "booked", "delivered" },
        { "completed", "completed", "booked" },
        { "completed", "completed", "cancelled" },
        { "completed", "completed", "inquiry" },
    };

    private Guid Session(string which) => which switch
    {
        "inquiry" => db.A.SessionA2,
        "booked" => db.A.SessionA1,
        _ => db.A.ShootA1,
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public async Task ForbiddenTransition_AsApp_IsRefusedAndChangesNothing(string which, string from, string to)
    {
        var id = Session(which);
        var (error, after) = await db.AsAppAsync(db.Claims(SqlIdentity.Admin), async (conn, tx) =>
        {
            await conn.ExecuteAsync("SAVEPOINT s", transaction: tx);
            var refused = await Record.ExceptionAsync(() => conn.ExecuteAsync(Move, new { status = to, studio = db.A.Studio, id }, tx));
            await conn.ExecuteAsync("ROLLBACK TO SAVEPOINT s", transaction: tx);
            var state = await conn.QuerySingleAsync<(string, long)>(
                "SELECT status, (SELECT count(*) FROM workflow_transitions WHERE entity_id = @id) FROM sessions WHERE id = @id", new { id }, tx);
            return (refused, state);
        });

        var postgres = Assert.IsType<PostgresException>(error);
        Assert.Equal("WF409", postgres.SqlState);
        Assert.Equal($"A session cannot move from {from} to {to}", postgres.MessageText);
        Assert.StartsWith("Allowed next statuses: ", postgres.Hint, StringComparison.Ordinal);
        Assert.Equal((from, 0L), after);
    }

    [Fact]
    public async Task DeliveredIsFinal_NothingLeavesIt()
    {
        var refusals = await db.AsAppAsync(db.Claims(SqlIdentity.Admin), async (conn, tx) =>
        {
            await conn.ExecuteAsync(Move, new { status = "delivered", studio = db.A.Studio, id = db.A.ShootA1 }, tx);
            var hints = new List<string?>();
            foreach (var status in new[] { "inquiry", "booked", "completed", "cancelled" })
            {
                await conn.ExecuteAsync("SAVEPOINT s", transaction: tx);
                var e = await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync(Move, new { status, studio = db.A.Studio, id = db.A.ShootA1 }, tx));
                await conn.ExecuteAsync("ROLLBACK TO SAVEPOINT s", transaction: tx);
                hints.Add(e.Hint);
            }
            return hints;
        });

        Assert.All(refusals, hint => Assert.Equal("Allowed next statuses: none", hint));
    }

    [Fact]
    public async Task EveryStatusChange_HasExactlyOneTransitionRow_WithFromToByAndReason()
    {
        var (booked, reopened) = await db.AsAppAsync(db.Claims(SqlIdentity.Admin), async (conn, tx) =>
        {
            await conn.ExecuteAsync("SELECT set_config('workflow.reason', 'shot and edited', true)", transaction: tx);
            foreach (var status in new[] { "completed", "delivered" })
            {
                await conn.ExecuteAsync(Move, new { status, studio = db.A.Studio, id = db.A.SessionA1 }, tx);
            }
            // Not a status change: no transition.
            await conn.ExecuteAsync("UPDATE sessions SET status = status, title = 'Renamed' WHERE id = @id", new { id = db.A.SessionA1 }, tx);
            var first = (await conn.QueryAsync<Transition>(Transitions, new { id = db.A.SessionA1 }, tx)).ToList();

            await conn.ExecuteAsync("SELECT set_config('workflow.reason', '', true)", transaction: tx);
            foreach (var status in new[] { "cancelled", "inquiry" })
            {
                await conn.ExecuteAsync(Move, new { status, studio = db.A.Studio, id = db.A.SessionA2 }, tx);
            }
            var second = (await conn.QueryAsync<Transition>(Transitions, new { id = db.A.SessionA2 }, tx)).ToList();
            return (first, second);
        });

        Assert.Equal([("booked", "completed"), ("completed", "delivered")], booked.Select(t => (t.FromStage!, t.ToStage)));
        Assert.All(booked, t => Assert.Equal(("admin@studio-a.test", "shot and edited", false, true), (t.TransitionedBy, t.TransitionReason, t.Automated, t.Timed)));
        Assert.Equal([("inquiry", "cancelled"), ("cancelled", "inquiry")], reopened.Select(t => (t.FromStage!, t.ToStage)));
        Assert.All(reopened, t => Assert.Null(t.TransitionReason));
    }

    [Fact]
    public async Task AnAllowedMoveTheRowRefuses_LeavesNoTransition()
    {
        // inquiry → booked is allowed, but SessionA2 has no date: sessions_scheduled_when_booked
        // refuses the row, and the transition written by the trigger goes with it.
        var (error, count) = await db.AsAppAsync(db.Claims(SqlIdentity.Admin), async (conn, tx) =>
        {
            await conn.ExecuteAsync("SAVEPOINT s", transaction: tx);
            var refused = await Record.ExceptionAsync(() => conn.ExecuteAsync(Move, new { status = "booked", studio = db.A.Studio, id = db.A.SessionA2 }, tx));
            await conn.ExecuteAsync("ROLLBACK TO SAVEPOINT s", transaction: tx);
            return (refused, await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM workflow_transitions WHERE entity_id = @id", new { id = db.A.SessionA2 }, tx));
        });

        Assert.Equal(PostgresErrorCodes.CheckViolation, Assert.IsType<PostgresException>(error).SqlState);
        Assert.Equal(0, count);
    }

    [Fact]
    public async Task TheLeadMachine_IsUnchanged_AndSessionsHaveTheirs()
    {
        await using var owner = await db.OpenOwnerAsync();
        var lead = await owner.QuerySingleAsync<long>("SELECT count(*) FROM workflow.allowed_transitions() WHERE entity_type = 'lead'");
        var leadNext = await owner.QuerySingleAsync<string[]>("SELECT workflow.next_stages('lead', 'proposal_sent')");
        var sessionNext = await owner.QuerySingleAsync<string[]>("SELECT workflow.next_stages('session', 'booked')");
        var clients = await owner.QuerySingleAsync<long>("SELECT count(*) FROM workflow.allowed_transitions() WHERE entity_type = 'client'");

        Assert.Equal(20, lead);
        Assert.Equal(["consultation", "booked", "lost", "archived"], leadNext);
        Assert.Equal(["inquiry", "completed", "cancelled"], sessionNext);
        Assert.Equal(0, clients);
    }
}
