using Dapper;
using Npgsql;
using Tally.Tests.Infrastructure;

namespace Tally.Tests.Analytics;

/// <summary>
/// For every studio and day, the rollups equal the figures computed directly from the base tables
/// (<see cref="AnalyticsOracle"/>), on randomized data: after the changes are applied, after
/// backdated edits, deletions, refunds and failed payments, after a backfill from nothing, and
/// after the nightly job ran twice (which changes nothing).
/// </summary>
public sealed class RollupCorrectnessTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    internal static async Task<long> DrainAsync(NpgsqlConnection conn)
    {
        long total = 0;
        while (await conn.ExecuteScalarAsync<int?>("SELECT analytics.apply_changes(100000)") is { } taken and > 0)
        {
            total += taken;
        }
        return total;
    }

    private static async Task AssertRollupsMatchAsync(NpgsqlConnection conn, IReadOnlyCollection<Guid> studios)
    {
        var expected = await AnalyticsOracle.ComputeAsync(conn, studios);
        var actual = await AnalyticsOracle.ReadRollupsAsync(conn, studios);
        Assert.NotEmpty(expected.Daily);
        Assert.Equal(expected.Daily, actual.Daily);
        Assert.Equal(expected.Sources, actual.Sources);
        Assert.Equal(expected.Clients, actual.Clients);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(2026)]
    public async Task Rollups_EqualDirectComputation_ThroughEditsBackfillAndNightly(int seed)
    {
        await using var conn = await db.OpenOwnerAsync();
        var data = new AnalyticsData(conn, seed);
        await data.GenerateAsync();
        var studios = data.Studios.Select(s => s.Studio).ToList();

        Assert.True(await DrainAsync(conn) > 0);
        await AssertRollupsMatchAsync(conn, studios);

        // Backdated edits, deletions, refunds, failed payments, conversions, a moved session.
        foreach (var studio in studios)
        {
            var leads = data.Leads[studio];
            await conn.ExecuteAsync("UPDATE leads SET created_at = created_at - interval '200 days' WHERE id = @id", new { id = leads[0] });
            await conn.ExecuteAsync("UPDATE leads SET source = 'google', converted_client_id = @client, status = 'won' WHERE id = @id",
                new { id = leads[1], client = data.Clients[studio][1] });
            await conn.ExecuteAsync("DELETE FROM leads WHERE id = ANY (@ids)", new { ids = leads.Skip(2).Take(3).ToArray() });
            await conn.ExecuteAsync("""
                UPDATE payments SET status = 'refunded', refunded_at = paid_at + interval '3 days' WHERE studio_id = @studio AND status = 'paid'
                  AND id = (SELECT id FROM payments WHERE studio_id = @studio AND status = 'paid' ORDER BY id LIMIT 1)
                """, new { studio });
            await conn.ExecuteAsync("""
                UPDATE payments SET status = 'failed' WHERE id = (SELECT id FROM payments WHERE studio_id = @studio AND status = 'due' ORDER BY id LIMIT 1)
                """, new { studio });
            await conn.ExecuteAsync("""
                UPDATE payments SET status = 'paid', paid_at = now() - interval '45 days', method = 'cash'
                WHERE id = (SELECT id FROM payments WHERE studio_id = @studio AND status = 'pending' ORDER BY id LIMIT 1)
                """, new { studio });
            await conn.ExecuteAsync("DELETE FROM payments WHERE id = (SELECT id FROM payments WHERE studio_id = @studio ORDER BY id DESC LIMIT 1)", new { studio });
            await conn.ExecuteAsync("""
                UPDATE sessions SET starts_at = starts_at - interval '300 days', ends_at = ends_at - interval '300 days'
                WHERE id = (SELECT id FROM sessions WHERE studio_id = @studio AND status = 'booked' ORDER BY id LIMIT 1)
                """, new { studio });
            await conn.ExecuteAsync("DELETE FROM gallery_access_log WHERE id = (SELECT id FROM gallery_access_log WHERE studio_id = @studio AND action = 'view' ORDER BY id LIMIT 1)", new { studio });
            await data.LeadAsync(studio, DateTime.UtcNow.AddDays(-700), "referral", data.Clients[studio][2]);
        }
        Assert.True(await DrainAsync(conn) > 0);
        await AssertRollupsMatchAsync(conn, studios);

        // From nothing: a backfill rebuilds the same rollups.
        await conn.ExecuteAsync("""
            DELETE FROM analytics.daily_business_metrics WHERE studio_id = ANY (@ids);
            DELETE FROM analytics.lead_source_analytics WHERE studio_id = ANY (@ids);
            DELETE FROM analytics.client_lifecycle_metrics WHERE studio_id = ANY (@ids);
            """, new { ids = studios.ToArray() });
        foreach (var studio in studios)
        {
            await conn.ExecuteAsync("SELECT analytics.backfill(@studio, DATE '2000-01-01')", new { studio });
        }
        await AssertRollupsMatchAsync(conn, studios);

        // The nightly job twice: the second round changes nothing.
        await conn.ExecuteAsync("SELECT analytics.nightly_all(30)");
        var once = await AnalyticsOracle.ReadRollupsAsync(conn, studios);
        var stamp = await conn.ExecuteScalarAsync<string>("SELECT string_agg(xmin::text, ',' ORDER BY studio_id, metric_date) FROM analytics.daily_business_metrics");
        await conn.ExecuteAsync("SELECT analytics.nightly_all(30)");
        var twice = await AnalyticsOracle.ReadRollupsAsync(conn, studios);
        Assert.Equal(once.Daily, twice.Daily);
        Assert.Equal(once.Sources, twice.Sources);
        Assert.Equal(once.Clients, twice.Clients);
        Assert.Equal(stamp, await conn.ExecuteScalarAsync<string>("SELECT string_agg(xmin::text, ',' ORDER BY studio_id, metric_date) FROM analytics.daily_business_metrics"));
        await AssertRollupsMatchAsync(conn, studios);
    }

    [Theory]
    [InlineData("Pacific/Auckland", "2026-03-10 10:30:00+00", "2026-03-10")]
    [InlineData("America/Los_Angeles", "2026-03-11 06:30:00+00", "2026-03-10")]
    public async Task PaymentAt2330Local_CountsOnTheStudiosOwnDay(string timezone, string instantUtc, string localDay)
    {
        // 10:30 UTC is 23:30 in Auckland (UTC+13 in March); 06:30 UTC is 23:30 the day before in Los Angeles (UTC-7).
        await using var conn = await db.OpenOwnerAsync();
        var studio = await AnalyticsData.StudioAsync(conn, "tz-" + Guid.NewGuid().ToString("N")[..8], timezone);
        var data = new AnalyticsData(conn, 1);
        var client = await data.ClientAsync(studio, DateTime.Parse("2026-01-01T00:00:00Z", null, System.Globalization.DateTimeStyles.AdjustToUniversal));
        var at = DateTime.Parse(instantUtc, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        await data.PaymentAsync(studio, client, 123.45m, "NZD", "paid", paidAt: at);
        await DrainAsync(conn);

        var day = await conn.QuerySingleAsync<DateOnly>(
            "SELECT metric_date FROM analytics.daily_business_metrics WHERE studio_id = @studio AND total_revenue ? 'NZD'", new { studio });
        Assert.Equal(localDay, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await AssertRollupsMatchAsync(conn, [studio]);
    }
}
