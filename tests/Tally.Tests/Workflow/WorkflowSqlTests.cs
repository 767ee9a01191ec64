using Dapper;
using Npgsql;
using Tally.Tests.Security;

namespace Tally.Tests.Workflow;

/// <summary>
/// The lead state machine as the database enforces it (migration 0009): forbidden moves refused,
/// every move recorded once, the quote-sent automation firing once and saying so.
/// </summary>
public sealed class WorkflowSqlTests(SecurityDatabase db) : IClassFixture<SecurityDatabase>
{
    private sealed record Transition(string? FromStage, string ToStage, string? TransitionedBy, string? TransitionReason, bool Automated);

    private const string Move = "UPDATE leads SET workflow_stage = @stage WHERE studio_id = @studio AND id = @id";

    [Theory]
    [InlineData("booked")]
    [InlineData("completed")]
    [InlineData("consultation")]
    public async Task ForbiddenTransition_AsApp_IsRefusedAndChangesNothing(string stage)
    {
        var (error, after) = await db.AsAppAsync(db.Claims(SqlIdentity.Admin), async (conn, tx) =>
        {
            await conn.ExecuteAsync("SAVEPOINT s", transaction: tx);
            var refused = await Record.ExceptionAsync(() => conn.ExecuteAsync(Move, new { stage, studio = db.A.Studio, id = db.A.LeadUnassigned }, tx));
            await conn.ExecuteAsync("ROLLBACK TO SAVEPOINT s", transaction: tx);
            var state = await conn.QuerySingleAsync<(string, long)>(
                "SELECT workflow_stage, (SELECT count(*) FROM workflow_transitions WHERE entity_id = @id) FROM leads WHERE id = @id",
                new { id = db.A.LeadUnassigned }, tx);
            return (refused, state);
        });

        var postgres = Assert.IsType<PostgresException>(error);
        Assert.Equal("WF409", postgres.SqlState);
        Assert.Contains("inquiry", postgres.MessageText, StringComparison.Ordinal);
        Assert.Equal(("inquiry", 0L), after);
    }

    [Fact]
    public async Task EveryStageChange_HasExactlyOneTransitionRow_WithFromToAndBy()
    {
        var (transitions, lead) = await db.AsAppAsync(db.Claims(SqlIdentity.Admin), async (conn, tx) =>
        {
            await conn.ExecuteAsync("SELECT set_config('workflow.reason', 'called back', true)", transaction: tx);
            foreach (var stage in new[] { "contacted", "consultation", "proposal_sent", "booked" })
            {
                await conn.ExecuteAsync(Move, new { stage, studio = db.A.Studio, id = db.A.LeadUnassigned }, tx);
            }
            // Not a stage change: no transition.
            await conn.ExecuteAsync("UPDATE leads SET workflow_stage = workflow_stage, first_name = 'Renamed' WHERE id = @id", new { id = db.A.LeadUnassigned }, tx);
            var rows = (await conn.QueryAsync<Transition>("""
                SELECT from_stage AS fromstage, to_stage AS tostage, transitioned_by AS transitionedby, transition_reason AS transitionreason, automated
                FROM workflow_transitions WHERE entity_type = 'lead' AND entity_id = @id ORDER BY transitioned_at
                """, new { id = db.A.LeadUnassigned }, tx)).ToList();
            var state = await conn.QuerySingleAsync<(string, string, bool, bool)>(
                "SELECT workflow_stage, previous_stage, stage_entered_at IS NOT NULL, stage_duration IS NOT NULL FROM leads WHERE id = @id",
                new { id = db.A.LeadUnassigned }, tx);
            return (rows, state);
        });

        Assert.Equal([("inquiry", "contacted"), ("contacted", "consultation"), ("consultation", "proposal_sent"), ("proposal_sent", "booked")],
            transitions.Select(t => (t.FromStage, t.ToStage)).Select(t => (t.FromStage!, t.ToStage)));
        Assert.All(transitions, t =>
        {
            Assert.Equal("admin@studio-a.test", t.TransitionedBy);
            Assert.Equal("called back", t.TransitionReason);
            Assert.False(t.Automated);
        });
        Assert.Equal(("booked", "proposal_sent", true, true), lead);
    }

    [Theory]
    [InlineData("INSERT INTO workflow_transitions (studio_id, entity_type, entity_id, to_stage) VALUES ((select auth.studio_id()), 'lead', gen_random_uuid(), 'booked')")]
    [InlineData("UPDATE workflow_transitions SET to_stage = 'booked'")]
    [InlineData("DELETE FROM workflow_transitions")]
    public async Task AppRole_CannotWriteTransitionsDirectly(string sql)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            db.AsAppAsync(db.Claims(SqlIdentity.Owner), (conn, tx) => conn.ExecuteAsync(sql, transaction: tx)));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task QuoteSent_MovesItsLeadToProposalSent_OnceAndAutomated()
    {
        var transitions = await db.AsAppAsync(db.Claims(SqlIdentity.Admin), async (conn, tx) =>
        {
            var quote = Guid.CreateVersion7();
            var args = new { studio = db.A.Studio, quote, lead = db.A.LeadUnassigned };
            await conn.ExecuteAsync("""
                INSERT INTO quotes (studio_id, id, lead_id, title, currency, status) VALUES (@studio, @quote, @lead, 'Collection', 'USD', 'draft')
                """, args, tx);
            await conn.ExecuteAsync("UPDATE quotes SET status = 'sent', sent_at = now() WHERE id = @quote", args, tx);
            // Sent again (a retry, a resend): the automation does not fire twice.
            await conn.ExecuteAsync("UPDATE quotes SET status = 'sent' WHERE id = @quote", args, tx);
            await conn.ExecuteAsync("UPDATE leads SET workflow_stage = 'consultation' WHERE id = @lead", args, tx);
            await conn.ExecuteAsync("UPDATE quotes SET status = 'draft', sent_at = NULL WHERE id = @quote", args, tx);
            await conn.ExecuteAsync("UPDATE quotes SET status = 'sent', sent_at = now() WHERE id = @quote", args, tx);
            return (await conn.QueryAsync<Transition>("""
                SELECT from_stage AS fromstage, to_stage AS tostage, transitioned_by AS transitionedby, transition_reason AS transitionreason, automated
                FROM workflow_transitions WHERE entity_type = 'lead' AND entity_id = @lead ORDER BY transitioned_at
                """, args, tx)).ToList();
        });

        Assert.Equal(2, transitions.Count);
        var automated = transitions[0];
        Assert.Equal(("inquiry", "proposal_sent"), (automated.FromStage, automated.ToStage));
        Assert.True(automated.Automated);
        Assert.Equal("quote_sent_to_proposal", automated.TransitionReason);
        Assert.Equal(("proposal_sent", "consultation", false), (transitions[1].FromStage, transitions[1].ToStage, transitions[1].Automated));
    }

    [Fact]
    public async Task QuoteSent_RuleDisabled_MovesNothing()
    {
        var stage = await db.AsAppAsync(db.Claims(SqlIdentity.Admin), async (conn, tx) =>
        {
            var args = new { studio = db.A.Studio, quote = Guid.CreateVersion7(), lead = db.A.LeadUnassigned, rule = Guid.CreateVersion7() };
            await conn.ExecuteAsync("INSERT INTO workflow_rules (studio_id, id, rule_name, enabled) VALUES (@studio, @rule, 'quote_sent_to_proposal', false)", args, tx);
            await conn.ExecuteAsync("""
                INSERT INTO quotes (studio_id, id, lead_id, title, currency, status) VALUES (@studio, @quote, @lead, 'Collection', 'USD', 'draft')
                """, args, tx);
            await conn.ExecuteAsync("UPDATE quotes SET status = 'sent', sent_at = now() WHERE id = @quote", args, tx);
            return await conn.ExecuteScalarAsync<string>("SELECT workflow_stage FROM leads WHERE id = @lead", args, tx);
        });

        Assert.Equal("inquiry", stage);
    }

    [Fact]
    public async Task StaleLeads_AreFlaggedOnce_AndAStageChangeClearsTheFlag()
    {
        var (first, second, stale, afterMove) = await db.AsAppAsync(db.Claims(SqlIdentity.Admin), async (conn, tx) =>
        {
            var args = new { studio = db.A.Studio, rule = Guid.CreateVersion7(), lead = db.A.LeadUnassigned };
            await conn.ExecuteAsync("""
                INSERT INTO workflow_rules (studio_id, id, rule_name, parameters) VALUES (@studio, @rule, 'stale_lead', '{"days": 0}')
                """, args, tx);
            await conn.ExecuteAsync("DELETE FROM lead_interactions WHERE lead_id = @lead", args, tx);
            var once = await conn.ExecuteScalarAsync<long>("SELECT workflow.flag_stale_leads_all()", transaction: tx);
            var again = await conn.ExecuteScalarAsync<long>("SELECT workflow.flag_stale_leads_all()", transaction: tx);
            var flagged = await conn.ExecuteScalarAsync<bool>("SELECT stale_since IS NOT NULL FROM leads WHERE id = @lead", args, tx);
            await conn.ExecuteAsync(Move, new { stage = "contacted", studio = db.A.Studio, id = db.A.LeadUnassigned }, tx);
            var cleared = await conn.ExecuteScalarAsync<bool>("SELECT stale_since IS NULL FROM leads WHERE id = @lead", args, tx);
            return (once, again, flagged, cleared);
        });

        Assert.True(first > 0);
        Assert.Equal(0, second);
        Assert.True(stale);
        Assert.True(afterMove);
    }

    [Fact]
    public async Task StaleLeads_RuleOff_FlagsNothingInThatStudio()
    {
        var flagged = await db.AsAppAsync(db.Claims(SqlIdentity.Admin), async (conn, tx) =>
        {
            var args = new { studio = db.A.Studio, rule = Guid.CreateVersion7() };
            await conn.ExecuteAsync("""
                INSERT INTO workflow_rules (studio_id, id, rule_name, enabled, parameters) VALUES (@studio, @rule, 'stale_lead', false, '{"days": 0}')
                """, args, tx);
            await conn.ExecuteScalarAsync<long>("SELECT workflow.flag_stale_leads_all()", transaction: tx);
            return await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM leads WHERE studio_id = @studio AND stale_since IS NOT NULL", args, tx);
        });

        Assert.Equal(0, flagged);
    }

    [Theory]
    [InlineData(SqlIdentity.Admin, true)]
    [InlineData(SqlIdentity.Bookkeeper, true)]
    [InlineData(SqlIdentity.ClientA1, false)]
    [InlineData(SqlIdentity.AdminOfB, false)]
    public async Task Transitions_AreReadByTheStudioTeamOnly(string identity, bool reads)
    {
        var visible = await db.AsAppAsync(db.Claims(SqlIdentity.Admin), async (conn, tx) =>
        {
            await conn.ExecuteAsync(Move, new { stage = "contacted", studio = db.A.Studio, id = db.A.LeadUnassigned }, tx);
            await conn.ExecuteAsync("SELECT set_config('request.jwt.claims', @claims, true)", new { claims = db.Claims(identity) }, tx);
            return await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM workflow_transitions", transaction: tx);
        });

        Assert.Equal(reads, visible > 0);
    }
}
