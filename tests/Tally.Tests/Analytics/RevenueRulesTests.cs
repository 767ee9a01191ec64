using Dapper;
using Npgsql;
using Tally.Tests.Infrastructure;
using Tally.Web.Features.Analytics;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Tests.Analytics;

/// <summary>
/// Honest revenue, as the dashboard reads it: collected is money received net of refunds, failed
/// payments count nowhere, an instalment not yet due is not pending, and currencies stay apart.
/// </summary>
public sealed class RevenueRulesTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Dashboard_CountsCollectedNetOfRefunds_PendingOnlyWhenDue_CurrenciesApart()
    {
        Guid studio;
        await using (var owner = await db.OpenOwnerAsync())
        {
            studio = await AnalyticsData.StudioAsync(owner, "revenue-rules", "UTC");
            var data = new AnalyticsData(owner, 3);
            var client = await data.ClientAsync(studio, DateTime.UtcNow.AddDays(-100));
            var now = DateTime.UtcNow;
            var today = DateOnly.FromDateTime(now);
            await data.PaymentAsync(studio, client, 100m, "USD", "paid", paidAt: now.AddHours(-1));
            await data.PaymentAsync(studio, client, 50m, "EUR", "paid", paidAt: now.AddDays(-2));
            await data.PaymentAsync(studio, client, 30m, "USD", "refunded", paidAt: now.AddDays(-10), refundedAt: now.AddHours(-2));
            // Refunded long before the period: its payment and refund fall outside, and net to nothing.
            await data.PaymentAsync(studio, client, 40m, "USD", "refunded", paidAt: now.AddDays(-200), refundedAt: now.AddDays(-199));
            await data.PaymentAsync(studio, client, 999m, "USD", "failed");
            await data.PaymentAsync(studio, client, 70m, "USD", "due", dueDate: today.AddDays(-1));
            await data.PaymentAsync(studio, client, 15m, "EUR", "pending", dueDate: today);
            // A plan instalment the client chose but that is not due yet: not pending.
            await data.PaymentAsync(studio, client, 200m, "USD", "pending", dueDate: today.AddDays(30));
            await data.PaymentAsync(studio, client, 80m, "USD", "cancelled", dueDate: today.AddDays(-3));
            await RollupCorrectnessTests.DrainAsync(owner);
        }

        await using var dataSource = NpgsqlDataSource.Create(db.AppConnectionString);
        await using var tallyDb = new TallyDb(dataSource, new RequestClaims
        {
            Role = "owner",
            StudioId = studio,
            UserId = Guid.CreateVersion7(),
            Email = "owner@revenue-rules.test",
        });
        var todayLocal = (await AnalyticsQueries.StudioTodayAsync(tallyDb, CancellationToken.None))!.Value.Today;
        var (period, _) = AnalyticsPeriod.Parse("30d", null, null, todayLocal);
        var figures = await AnalyticsQueries.DashboardAsync(tallyDb, period!, todayLocal, CancellationToken.None);
        var (byMonth, byType) = await AnalyticsQueries.RevenueAsync(tallyDb, period!, todayLocal, CancellationToken.None);

        // 100 received, 30 received 10 days ago and refunded today: 100 net in USD; EUR on its own.
        Assert.Equal(new Dictionary<string, decimal> { ["EUR"] = 50m, ["USD"] = 100m }, figures.Kpis.Collected);
        Assert.Equal(new Dictionary<string, decimal> { ["EUR"] = 15m, ["USD"] = 70m }, figures.Kpis.Outstanding);
        var pending = new Money();
        foreach (var m in byMonth)
        {
            pending.Add(m.Pending);
        }
        Assert.Equal(new Dictionary<string, decimal> { ["EUR"] = 15m, ["USD"] = 70m }, pending);
        Assert.Equal(new Dictionary<string, decimal> { ["EUR"] = 50m, ["USD"] = 100m }, Assert.Single(byType).Collected);
        Assert.Equal("none", byType[0].SessionType);
        // The dashboard's batch chooses plans per statement (SET LOCAL) and leaves the app's setting behind it.
        var conn = await tallyDb.ConnectionAsync(CancellationToken.None);
        Assert.Equal("force_custom_plan", await conn.ExecuteScalarAsync<string>("SHOW plan_cache_mode"));
        await tallyDb.RollbackAsync();
    }
}
