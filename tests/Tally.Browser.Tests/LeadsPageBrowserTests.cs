using System.Net.Http.Json;
using Microsoft.Playwright;
using Tally.Web.Features.Leads;

namespace Tally.Browser.Tests;

public sealed class LeadsPageBrowserTests(BrowserAppFactory app, Chromium chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<Chromium>
{
    private const string RowNames = "table.leads tbody th[scope=row]";

    [Fact]
    public async Task LeadsPage_NextFollowedByKeyboard_ShowsPageTwo()
    {
        var (expectedFirst, next) = await ApiNamesAsync(after: null);
        var (expectedSecond, _) = await ApiNamesAsync(after: next);
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await BrowserSignIn.SignInAsync(page);

        await page.GotoAsync("/leads");
        await Assertions.Expect(page.Locator(RowNames)).ToHaveCountAsync(50);
        Assert.Equal(expectedFirst, await page.Locator(RowNames).AllInnerTextsAsync());

        // Tab through the page as a keyboard user would, until "Next" has the focus.
        var focused = "";
        for (var i = 0; i < 150 && focused != "Next"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            focused = await page.EvaluateAsync<string>("() => document.activeElement?.textContent?.trim() ?? ''");
        }
        Assert.Equal("Next", focused);
        Assert.NotEqual("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle"));
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(url => url.Contains("/leads?after=", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(RowNames)).ToHaveCountAsync(50);
        var second = await page.Locator(RowNames).AllInnerTextsAsync();
        Assert.Equal(expectedSecond, second);
        Assert.NotEqual(expectedFirst, second);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "First page" }).First).ToHaveAttributeAsync("href", "/leads");
    }

    [Fact]
    public async Task LeadsPage_SkipLink_FirstTabStopMovesFocusToMain()
    {
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await BrowserSignIn.SignInAsync(page);
        await page.GotoAsync("/leads");

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(url => url.EndsWith("/leads#main", StringComparison.Ordinal));
        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));
    }

    [Fact]
    public async Task LeadsPage_StatusFilterSubmitted_KeepsStatusInUrl()
    {
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await BrowserSignIn.SignInAsync(page);
        await page.GotoAsync("/leads");

        await page.GetByLabel("Status").SelectOptionAsync("won");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).PressAsync("Enter");

        await page.WaitForURLAsync(url => url.Contains("/leads?status=won&", StringComparison.Ordinal));
        var statuses = await page.Locator("table.leads tbody .status").AllInnerTextsAsync();
        Assert.NotEmpty(statuses);
        Assert.All(statuses, s => Assert.Equal("Won", s));
        // The stylesheet is served: the table is styled, not the browser's default.
        Assert.Equal("collapse", await page.Locator("table.leads").EvaluateAsync<string>("t => getComputedStyle(t).borderCollapse"));
    }

    private async Task<(List<string> Names, string? Next)> ApiNamesAsync(string? after)
    {
        using var http = await BrowserSignIn.HttpClientAsync(app.BaseAddress);
        var leads = await http.GetFromJsonAsync<LeadListPage>($"/api/v1/studios/aurora-studio/leads?limit=50{(after is null ? "" : "&after=" + after)}");
        return (leads!.Items.Select(l => string.IsNullOrWhiteSpace(l.LastName) ? l.FirstName : $"{l.FirstName} {l.LastName}").ToList(), leads.Next);
    }
}
