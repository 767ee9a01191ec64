using System.Globalization;
using Microsoft.Playwright;

namespace Tally.Browser.Tests;

/// <summary>
/// The dashboard in Chromium: the landing page after sign-in draws its five charts with Chart.js
/// (pixels on every canvas), a screenshot is kept as a test artifact, and the period selector
/// changes the figures.
/// </summary>
public sealed class DashboardBrowserTests(BrowserAppFactory app, Chromium chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<Chromium>
{
    [Fact]
    public async Task Dashboard_DrawsItsCharts_AndThePeriodSelectorChangesTheFigures()
    {
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            // The app has no favicon; a missing one is not the dashboard's error.
            if (message.Type == "error" && !(message.Location?.Contains("favicon.ico", StringComparison.Ordinal) ?? false))
            {
                errors.Add(message.Text + " " + message.Location);
            }
        };
        await BrowserSignIn.SignInAsync(page);
        Assert.Equal("/dashboard", new Uri(page.Url).AbsolutePath);

        var drawn = page.Locator("canvas[data-drawn=true]");
        await Assertions.Expect(drawn).ToHaveCountAsync(5);
        var painted = await page.EvaluateAsync<int>("""
            () => Array.from(document.querySelectorAll('canvas[data-chart]')).filter(c => {
              const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              for (let i = 3; i < data.length; i += 4) { if (data[i] !== 0) return true; }
              return false;
            }).length
            """);
        Assert.Equal(5, painted);
        var folder = Path.Combine(AppContext.BaseDirectory, "artifacts");
        Directory.CreateDirectory(folder);
        var screenshot = Path.Combine(folder, "dashboard.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 10_000);

        var inquiries = page.Locator("[data-kpi=inquiries] .kpi-value");
        var last30 = await inquiries.InnerTextAsync();
        await page.GetByLabel("Period", new() { Exact = true }).SelectOptionAsync("custom");
        await page.GetByLabel("From", new() { Exact = true }).FillAsync("2020-01-01");
        await page.GetByLabel("To", new() { Exact = true }).FillAsync(DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("period=custom", StringComparison.Ordinal) && url.Contains("from=2020-01-01", StringComparison.Ordinal));
        await Assertions.Expect(drawn).ToHaveCountAsync(5);
        var sinceTwentyTwenty = await inquiries.InnerTextAsync();

        Assert.True(int.Parse(sinceTwentyTwenty, NumberStyles.AllowThousands, CultureInfo.InvariantCulture) > int.Parse(last30, NumberStyles.AllowThousands, CultureInfo.InvariantCulture),
            $"inquiries: last 30 days {last30}, since 2020 {sinceTwentyTwenty}");
        Assert.True(errors.Count == 0, string.Join(" | ", errors));
    }
}
