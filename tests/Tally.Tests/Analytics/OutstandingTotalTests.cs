using Dapper;
using Npgsql;
using Tally.Tests.Infrastructure;

namespace Tally.Tests.Analytics;

/// <summary>
/// The kept "due and unpaid" total (analytics.pending_totals, migration 0022): it follows payments
/// as the rollups move, and analytics.outstanding gives the same answer as summing the payments
/// whether the kept total is current, days old, ahead of the day asked about, or missing.
/// </summary>
public sealed class OutstandingTotalTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Outstanding_EqualsUnpaidPaymentsDue_WhateverTheStateOfTheKeptTotal()
    {
        await using var owner = await db.OpenOwnerAsync();
        var studio = await AnalyticsData.StudioAsync(owner, "outstanding-kept", "UTC");
        var data = new AnalyticsData(owner, 11);
        var client = await data.ClientAsync(studio, DateTime.UtcNow.AddDays(-200));
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var payments = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            payments.Add(await data.PaymentAsync(studio, client, 10m + i, i % 3 == 0 ? "EUR" : "USD", i % 2 == 0 ? "due" : "pending", dueDate: today.AddDays(-3 * i)));
        }
        // Not yet due: never outstanding.
        await data.PaymentAsync(studio, client, 500m, "USD", "pending", dueDate: today.AddDays(20));
        await RollupCorrectnessTests.DrainAsync(owner);

        var asOf = await owner.ExecuteScalarAsync<DateTime?>("SELECT as_of::timestamp FROM analytics.pending_totals WHERE studio_id = @studio", new { studio });
        Assert.Equal(today, DateOnly.FromDateTime(Assert.NotNull(asOf)));
        Assert.Equal(await DirectAsync(owner, studio, today), await OutstandingAsync(owner, studio, today));

        // Paying one moves the kept total with the rollup.
        await owner.ExecuteAsync("UPDATE payments SET status = 'paid', paid_at = now(), method = 'card' WHERE studio_id = @studio AND id = @id",
            new { studio, id = payments[4] });
        await RollupCorrectnessTests.DrainAsync(owner);
        var afterPayment = await DirectAsync(owner, studio, today);
        Assert.Equal(afterPayment, await OutstandingAsync(owner, studio, today));
        Assert.Equal(await DirectAsync(owner, studio, today), await KeptAsync(owner, studio));

        // A total kept ten days ago (as after quiet days): the days since are added.
        await owner.ExecuteAsync("""
            UPDATE analytics.pending_totals t SET as_of = @day,
              pending = (SELECT coalesce(jsonb_object_agg(x.currency, x.amount), '{}') FROM analytics.outstanding(@studio, @day) x)
            WHERE t.studio_id = @studio
            """, new { studio, day = today.AddDays(-10) });
        Assert.NotEqual(afterPayment, await KeptAsync(owner, studio));
        Assert.Equal(afterPayment, await OutstandingAsync(owner, studio, today));

        // Asked about a day before the kept total, or with none kept at all: every day is summed.
        var earlier = today.AddDays(-15);
        Assert.Equal(await DirectAsync(owner, studio, earlier), await OutstandingAsync(owner, studio, earlier));
        await owner.ExecuteAsync("DELETE FROM analytics.pending_totals WHERE studio_id = @studio", new { studio });
        Assert.Equal(afterPayment, await OutstandingAsync(owner, studio, today));

        // The nightly round puts it back, current.
        await owner.ExecuteAsync("SELECT analytics.nightly_all(1)");
        Assert.Equal(afterPayment, await KeptAsync(owner, studio));
    }

    private static async Task<Dictionary<string, decimal>> OutstandingAsync(NpgsqlConnection conn, Guid studio, DateOnly day) =>
        (await conn.QueryAsync<(string Currency, decimal Amount)>("SELECT currency, amount FROM analytics.outstanding(@studio, @day)", new { studio, day }))
        .ToDictionary(r => r.Currency, r => r.Amount);

    private static async Task<Dictionary<string, decimal>> KeptAsync(NpgsqlConnection conn, Guid studio) =>
        (await conn.QueryAsync<(string Currency, decimal Amount)>("""
            SELECT e.key, e.value::numeric FROM analytics.pending_totals t CROSS JOIN LATERAL jsonb_each_text(t.pending) AS e(key, value)
            WHERE t.studio_id = @studio
            """, new { studio })).Where(r => r.Amount != 0).ToDictionary(r => r.Currency, r => r.Amount);

    private static async Task<Dictionary<string, decimal>> DirectAsync(NpgsqlConnection conn, Guid studio, DateOnly day) =>
        (await conn.QueryAsync<(string Currency, decimal Amount)>("""
            SELECT currency::text, sum(amount) FROM payments
            WHERE studio_id = @studio AND status IN ('pending', 'due') AND due_date <= @day
            GROUP BY 1
            """, new { studio, day })).ToDictionary(r => r.Currency, r => r.Amount);
}
