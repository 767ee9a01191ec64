using Dapper;
using Microsoft.Playwright;

namespace Tally.Browser.Tests;

/// <summary>A session's status changed on its page, with the keyboard: the transition and the History show it.</summary>
public sealed class SessionStatusBrowserTests(BrowserAppFactory app, Chromium chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<Chromium>
{
    [Fact]
    public async Task ChangeTheStatusOnTheSessionPage_ThenSeeItInTheHistory()
    {
        Guid session;
        await using (var owner = await app.Database.OpenOwnerAsync())
        {
            session = await owner.QueryFirstAsync<Guid>(
                "SELECT x.id FROM sessions x JOIN studios s ON s.id = x.studio_id WHERE s.slug = 'aurora-studio' AND x.status = 'booked' ORDER BY x.id LIMIT 1");
        }
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await BrowserSignIn.SignInAsync(page);

        await page.GotoAsync($"/sessions/{session}");
        // Only the statuses a booked session may move to are offered.
        await Assertions.Expect(page.GetByLabel("Move to").Locator("option")).ToHaveTextAsync(["Inquiry", "Completed", "Cancelled"]);
        await page.GetByLabel("Move to").SelectOptionAsync("completed");
        await page.GetByLabel("Reason (optional)").FillAsync("Shot on the day");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change status" }).PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("status was changed");
        await Assertions.Expect(page.Locator(".page-heading .status")).ToHaveTextAsync("Completed");
        await Assertions.Expect(page.Locator("ol.transitions li").First).ToContainTextAsync("Shot on the day");
        var statusChange = page.Locator("ol.history > li").First.Locator("li[data-field=status]");
        await Assertions.Expect(statusChange).ToHaveTextAsync("Status: booked → completed");
        await Assertions.Expect(page.Locator("ol.history > li").First).ToContainTextAsync(Tally.Tests.Web.TestSignIn.AuroraOwner);
        // Completed may only be delivered now.
        await Assertions.Expect(page.GetByLabel("Move to").Locator("option")).ToHaveTextAsync(["Delivered"]);
    }
}
