using System.Net;
using System.Text.Json;
using Dapper;
using Npgsql;
using Tally.Tests.Web;

namespace Tally.Tests.Analytics;

/// <summary>
/// Only members holding can_view_analytics see revenue: the demo staff member (who does not) gets
/// an operations-only dashboard with no money on it, 403 from every report page and analytics
/// endpoint, and no rollup row from SQL as the application role with their claims.
/// </summary>
public sealed class AnalyticsPermissionTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    private const string Staff = "staff@aurora-studio.test";
    private const string Bookkeeper = "bookkeeper@aurora-studio.test";

    private static readonly string[] ApiPaths =
    [
        "dashboard", "lead-sources", "lead-sources.csv", "client-lifecycle", "client-lifecycle.csv", "revenue", "revenue.csv", "conversion", "conversion.csv",
    ];

    private static readonly string[] ReportPages = ["/reports/lead-sources", "/reports/client-lifecycle", "/reports/revenue", "/reports/conversion"];

    /// <summary>Words and codes that only a revenue figure would put on a page.</summary>
    private static readonly string[] MoneyMarkers = ["USD", "GBP", "EUR", "Collected", "Revenue", "data-chart", "Due and unpaid"];

    [Fact]
    public async Task Dashboard_OfStaffWithoutThePermission_IsOperationsOnlyWithoutMoney()
    {
        var staff = await app.CreateSignedInClientAsync(Staff);

        var html = await staff.GetStringAsync("/dashboard");

        Assert.Contains("Upcoming sessions this week", html, StringComparison.Ordinal);
        Assert.Contains("Overdue timeline steps", html, StringComparison.Ordinal);
        Assert.Contains("data-kpi=\"new-inquiries\"", html, StringComparison.Ordinal);
        Assert.All(MoneyMarkers, marker => Assert.DoesNotContain(marker, html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dashboard_OfOwner_ShowsRevenueAndCharts()
    {
        var owner = await app.CreateSignedInClientAsync();

        var html = await owner.GetStringAsync("/dashboard");

        Assert.Contains("data-kpi=\"collected-USD\"", html, StringComparison.Ordinal);
        Assert.Equal(5, html.Split("<canvas", StringSplitOptions.None).Length - 1);
        Assert.Contains("/lib/chart.js/chart.umd.min.js", html, StringComparison.Ordinal);
        Assert.Contains("<table class=\"visually-hidden\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportPages_OfStaff_AreForbiddenWithoutMoney()
    {
        var staff = await app.CreateSignedInClientAsync(Staff);
        foreach (var path in ReportPages)
        {
            using var response = await staff.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("need the analytics permission", html, StringComparison.Ordinal);
            Assert.All(MoneyMarkers.Where(m => m != "Revenue"), marker => Assert.DoesNotContain(marker, html, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AnalyticsEndpoints_OfStaff_Answer403WithoutFigures()
    {
        var staff = await app.CreateSignedInClientAsync(Staff);
        foreach (var path in ApiPaths)
        {
            using var response = await staff.GetAsync($"/api/v1/studios/aurora-studio/analytics/{path}");
            var body = await response.Content.ReadAsStringAsync();

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.All(MoneyMarkers, marker => Assert.DoesNotContain(marker, body, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AnalyticsEndpoints_OfBookkeeperWithThePermission_Answer()
    {
        var bookkeeper = await app.CreateSignedInClientAsync(Bookkeeper);
        foreach (var path in ApiPaths)
        {
            using var response = await bookkeeper.GetAsync($"/api/v1/studios/aurora-studio/analytics/{path}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        using var csv = await bookkeeper.GetAsync("/api/v1/studios/aurora-studio/analytics/revenue.csv?period=this-year");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("by,key,collected_USD", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyticsEndpoint_OfAnotherStudio_IsNotFound()
    {
        var owner = await app.CreateSignedInClientAsync();

        using var response = await owner.GetAsync("/api/v1/studios/north-light/analytics/revenue");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("period=forever", "period")]
    [InlineData("period=custom&from=2026-02-30&to=2026-03-01", "from")]
    [InlineData("period=custom&from=2026-03-10&to=2026-03-01", "to")]
    [InlineData("period=custom&from=%3Dcmd()&to=", "from")]
    public async Task BadPeriod_IsA400WithTheFieldNamed(string query, string field)
    {
        var owner = await app.CreateSignedInClientAsync();

        using var api = await owner.GetAsync($"/api/v1/studios/aurora-studio/analytics/dashboard?{query}");
        using var page = await owner.GetAsync($"/dashboard?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        using var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains($"id=\"{field}-error\" role=\"alert\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostileStrings_AsPeriodParameters_AnswerWithAFigureOrA400()
    {
        var owner = await app.CreateSignedInClientAsync();
        var wrong = new List<string>();
        foreach (var naughty in Blns.All)
        {
            var q = Uri.EscapeDataString(naughty);
            foreach (var path in new[] { $"/api/v1/studios/aurora-studio/analytics/revenue?period=custom&from={q}&to=2026-01-01", $"/api/v1/studios/aurora-studio/analytics/conversion?period={q}", $"/reports/client-lifecycle?status={q}" })
            {
                using var response = await owner.GetAsync(path);
                if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.BadRequest))
                {
                    wrong.Add($"{(int)response.StatusCode} {path}");
                }
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public async Task PeriodSelector_ChangesTheFigures()
    {
        var owner = await app.CreateSignedInClientAsync();

        var month = await InquiriesAsync(owner, "period=custom&from=2026-01-01&to=2026-01-31");
        var year = await InquiriesAsync(owner, "period=custom&from=2025-01-01&to=2025-12-31");
        var all = await InquiriesAsync(owner, "period=custom&from=2017-01-01&to=2026-12-31");

        Assert.True(all > year && year > month, $"inquiries: month {month}, year {year}, all {all}");
    }

    private static async Task<int> InquiriesAsync(HttpClient client, string query)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/studios/aurora-studio/analytics/dashboard?{query}"));
        return json.RootElement.GetProperty("kpis").GetProperty("inquiries").GetInt32();
    }

    [Fact]
    public async Task Rollups_AsAppRoleWithStaffClaims_ReturnNoRow()
    {
        await using var owner = await app.Database.OpenOwnerAsync();
        var (studio, staffId, bookkeeperId) = await owner.QuerySingleAsync<(Guid, Guid, Guid)>("""
            SELECT s.id, (SELECT id FROM admin_users WHERE studio_id = s.id AND email = @staff), (SELECT id FROM admin_users WHERE studio_id = s.id AND email = @bookkeeper)
            FROM studios s WHERE s.slug = 'aurora-studio'
            """, new { staff = Staff, bookkeeper = Bookkeeper });
        var total = await owner.ExecuteScalarAsync<long>("SELECT count(*) FROM analytics.daily_business_metrics WHERE studio_id = @studio", new { studio });

        var asStaff = await CountAsync(studio, staffId, "staff", new Dictionary<string, bool>());
        var asStaffClaimingNothing = await CountAsync(studio, staffId, "staff", new Dictionary<string, bool> { ["can_view_analytics"] = false });
        var asBookkeeper = await CountAsync(studio, bookkeeperId, "bookkeeper", new Dictionary<string, bool> { ["can_view_analytics"] = true });

        Assert.True(total > 0);
        Assert.Equal((0L, 0L, 0L), asStaff);
        Assert.Equal((0L, 0L, 0L), asStaffClaimingNothing);
        Assert.Equal(total, asBookkeeper.Daily);
        Assert.True(asBookkeeper.Clients > 0);
    }

    private async Task<(long Daily, long Sources, long Clients)> CountAsync(Guid studio, Guid user, string role, Dictionary<string, bool> perms)
    {
        await using var conn = new NpgsqlConnection(app.Database.AppConnectionString);
        await conn.OpenAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var claims = JsonSerializer.Serialize(new Dictionary<string, object> { ["sub"] = user, ["role"] = role, ["studio_id"] = studio, ["perms"] = perms });
        await conn.ExecuteAsync("SELECT set_config('request.jwt.claims', @claims, true)", new { claims }, tx);
        return await conn.QuerySingleAsync<(long, long, long)>("""
            SELECT (SELECT count(*) FROM analytics.daily_business_metrics), (SELECT count(*) FROM analytics.lead_source_analytics),
                   (SELECT count(*) FROM analytics.client_lifecycle_metrics)
            """, transaction: tx);
    }
}
