using Dapper;
using Npgsql;
using Tally.Tests.Security;

namespace Tally.Tests.Workflow;

/// <summary>
/// The automation contract_signed_deposit_paid (migration 0016): a signed contract with a paid
/// deposit moves its lead to booked, once, flagged automated, only when the rule is on and the
/// state machine allows it. Studio A's LeadAssigned is converted to ClientA1, whose ContractA1 is
/// sent and whose PaymentA1 is due.
/// </summary>
public sealed class ContractBookedAutomationTests(SecurityDatabase db) : IClassFixture<SecurityDatabase>
{
    private sealed record Transition(string? FromStage, string ToStage, string? TransitionReason, bool Automated, string? ContractId);

    private const string Sign = """
        UPDATE contracts SET status = 'signed', signed_at = now(), signer_name = 'Ada One', document_hash = repeat('a', 64)
        WHERE studio_id = @studio AND id = @contract
        """;

    private const string Pay = "UPDATE payments SET status = 'paid', paid_at = now(), method = 'card' WHERE studio_id = @studio AND id = @payment";

    private object Args(Guid? payment = null) => new
    {
        studio = db.A.Studio,
        lead = db.A.LeadAssigned,
        contract = db.A.ContractA1,
        payment = payment ?? db.A.PaymentA1,
        rule = Guid.CreateVersion7(),
    };

    /// <summary>Puts the lead in <paramref name="stage"/> (from inquiry) and links the due payment to the contract.</summary>
    private async Task PrepareAsync(NpgsqlConnection conn, NpgsqlTransaction tx, object args, string? stage)
    {
        if (stage is not null)
        {
            await conn.ExecuteAsync("UPDATE leads SET workflow_stage = @stage WHERE id = @lead", new { stage, lead = db.A.LeadAssigned }, tx);
        }
        await conn.ExecuteAsync("UPDATE payments SET contract_id = @contract WHERE id = @payment", args, tx);
    }

    private static async Task<(string Stage, List<Transition> Transitions)> StateAsync(NpgsqlConnection conn, NpgsqlTransaction tx, object args)
    {
        var stage = await conn.ExecuteScalarAsync<string>("SELECT workflow_stage FROM leads WHERE id = @lead", args, tx);
        var transitions = (await conn.QueryAsync<Transition>("""
            SELECT from_stage AS fromstage, to_stage AS tostage, transition_reason AS transitionreason, automated,
                   metadata ->> 'contract_id' AS contractid
            FROM workflow_transitions WHERE entity_type = 'lead' AND entity_id = @lead ORDER BY transitioned_at, id
            """, args, tx)).ToList();
        return (stage!, transitions);
    }

    [Fact]
    public async Task SignedThenDepositPaid_BooksTheLeadOnce_Automated()
    {
        var (afterSign, afterPay, final) = await db.AsAppAsync(db.Claims(SqlIdentity.Owner), async (conn, tx) =>
        {
            var args = Args();
            await PrepareAsync(conn, tx, args, "proposal_sent");
            await conn.ExecuteAsync(Sign, args, tx);
            var signed = await StateAsync(conn, tx, args);
            await conn.ExecuteAsync(Pay, args, tx);
            var paid = await StateAsync(conn, tx, args);

            // A retry of the payment and a second payment: nothing more.
            await conn.ExecuteAsync("UPDATE payments SET status = 'due', paid_at = NULL WHERE id = @payment", args, tx);
            await conn.ExecuteAsync(Pay, args, tx);
            var second = Guid.CreateVersion7();
            await conn.ExecuteAsync("""
                INSERT INTO payments (studio_id, id, client_id, contract_id, description, amount, currency, status)
                VALUES (@studio, @second, @client, @contract, 'Balance', 3500, 'USD', 'due')
                """, new { studio = db.A.Studio, second, client = db.A.ClientA1, contract = db.A.ContractA1 }, tx);
            // Even after the lead went back to proposal_sent by hand, this contract does not book it again.
            foreach (var stage in new[] { "lost", "inquiry", "proposal_sent" })
            {
                await conn.ExecuteAsync("UPDATE leads SET workflow_stage = @stage WHERE id = @lead", new { stage, lead = db.A.LeadAssigned }, tx);
            }
            await conn.ExecuteAsync(Pay, new { studio = db.A.Studio, payment = second }, tx);
            return (signed, paid, await StateAsync(conn, tx, args));
        });

        Assert.Equal("proposal_sent", afterSign.Stage);
        Assert.Equal("booked", afterPay.Stage);
        var automated = Assert.Single(afterPay.Transitions, t => t.Automated);
        Assert.Equal(("proposal_sent", "booked", "contract_signed_deposit_paid"), (automated.FromStage, automated.ToStage, automated.TransitionReason));
        Assert.Equal(db.A.ContractA1.ToString(), automated.ContractId);
        Assert.Equal("proposal_sent", final.Stage);
        Assert.Single(final.Transitions, t => t.Automated);
    }

    [Fact]
    public async Task DepositPaidThenSigned_BooksTheLead()
    {
        var (stage, transitions) = await db.AsAppAsync(db.Claims(SqlIdentity.Owner), async (conn, tx) =>
        {
            var args = Args();
            await PrepareAsync(conn, tx, args, "proposal_sent");
            await conn.ExecuteAsync(Pay, args, tx);
            await conn.ExecuteAsync(Sign, args, tx);
            return await StateAsync(conn, tx, args);
        });

        Assert.Equal("booked", stage);
        Assert.Single(transitions, t => t.Automated && t.ToStage == "booked");
    }

    [Fact]
    public async Task RuleDisabled_MovesNothing()
    {
        var (stage, transitions) = await db.AsAppAsync(db.Claims(SqlIdentity.Owner), async (conn, tx) =>
        {
            var args = Args();
            await conn.ExecuteAsync(
                "INSERT INTO workflow_rules (studio_id, id, rule_name, enabled) VALUES (@studio, @rule, 'contract_signed_deposit_paid', false)", args, tx);
            await PrepareAsync(conn, tx, args, "proposal_sent");
            await conn.ExecuteAsync(Sign, args, tx);
            await conn.ExecuteAsync(Pay, args, tx);
            return await StateAsync(conn, tx, args);
        });

        Assert.Equal("proposal_sent", stage);
        Assert.DoesNotContain(transitions, t => t.Automated);
    }

    [Fact]
    public async Task SignedWithoutPaidDeposit_MovesNothing()
    {
        var (stage, transitions) = await db.AsAppAsync(db.Claims(SqlIdentity.Owner), async (conn, tx) =>
        {
            var args = Args();
            await PrepareAsync(conn, tx, args, "proposal_sent");
            // A paid payment of another contract is not this contract's deposit.
            var other = Guid.CreateVersion7();
            await conn.ExecuteAsync("""
                INSERT INTO payments (studio_id, id, client_id, contract_id, description, amount, currency, status)
                VALUES (@studio, @other, @client, @draft, 'Album', 800, 'USD', 'due')
                """, new { studio = db.A.Studio, other, client = db.A.ClientA1, draft = db.A.ContractA1Draft }, tx);
            await conn.ExecuteAsync(Pay, new { studio = db.A.Studio, payment = other }, tx);
            await conn.ExecuteAsync(Sign, args, tx);
            return await StateAsync(conn, tx, args);
        });

        Assert.Equal("proposal_sent", stage);
        Assert.DoesNotContain(transitions, t => t.Automated);
    }

    [Fact]
    public async Task ForbiddenTransition_MovesNothingAndRefusesNothing()
    {
        // inquiry → booked is not in the state machine: the signature and the payment still go through.
        var (stage, transitions, contract, payment) = await db.AsAppAsync(db.Claims(SqlIdentity.Owner), async (conn, tx) =>
        {
            var args = Args();
            await PrepareAsync(conn, tx, args, stage: null);
            await conn.ExecuteAsync(Sign, args, tx);
            await conn.ExecuteAsync(Pay, args, tx);
            var (s, t) = await StateAsync(conn, tx, args);
            var c = await conn.ExecuteScalarAsync<string>("SELECT status FROM contracts WHERE id = @contract", args, tx);
            var p = await conn.ExecuteScalarAsync<string>("SELECT status FROM payments WHERE id = @payment", args, tx);
            return (s, t, c, p);
        });

        Assert.Equal("inquiry", stage);
        Assert.Empty(transitions);
        Assert.Equal(("signed", "paid"), (contract, payment));
    }
}
