using Dapper;
using Microsoft.Playwright;

namespace Tally.Browser.Tests;

/// <summary>A session's timeline, the way a person works it: apply a template, check a step off, see it on "Due this week".</summary>
public sealed class TimelineBrowserTests(BrowserAppFactory app, Chromium chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<Chromium>
{
    [Fact]
    public async Task ApplyATemplate_ThenCheckAStepOff()
    {
        Guid session;
        await using (var owner = await app.Database.OpenOwnerAsync())
        {
            // A booked portrait session three weeks ago: its pre-shoot steps are overdue, its delivery
            // steps ahead. An inquiry or booked one, which the status machine (docs/workflow.md) lets be booked.
            session = await owner.QueryFirstAsync<Guid>(
                "SELECT x.id FROM sessions x JOIN studios s ON s.id = x.studio_id WHERE s.slug = 'aurora-studio' AND x.status IN ('inquiry', 'booked') ORDER BY x.session_type = 'portrait' DESC, x.id LIMIT 1");
            await owner.ExecuteAsync("""
                UPDATE sessions SET session_type = 'portrait', status = 'booked', starts_at = now() - interval '3 weeks', ends_at = now() - interval '3 weeks' + interval '2 hours' WHERE id = @session;
                DELETE FROM session_timelines WHERE session_id = @session;
                """, new { session });
        }
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await BrowserSignIn.SignInAsync(page);

        await page.GotoAsync($"/sessions/{session}/timeline");
        await Assertions.Expect(page.Locator("table.timeline tbody td.empty")).ToBeVisibleAsync();
        await page.GetByLabel("Template", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Portrait: Portraits workflow (4 steps)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply template" }).PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("applied: 4 steps added");
        await Assertions.Expect(page.Locator("table.timeline tbody tr[data-step-id]")).ToHaveCountAsync(4);
        // "Style consultation" (−14 days) is long past: overdue, in words as well as in colour.
        var consultation = page.Locator("tr[data-step-id]", new() { HasText = "Style consultation" });
        await Assertions.Expect(consultation).ToHaveClassAsync("overdue");
        await Assertions.Expect(consultation.Locator(".step-state")).ToHaveTextAsync("Overdue");

        await consultation.GetByRole(AriaRole.Button, new() { Name = "Mark done: Style consultation" }).PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("“Style consultation” is done.");
        var done = page.Locator("tr[data-step-id]", new() { HasText = "Style consultation" });
        await Assertions.Expect(done.Locator(".step-state")).ToHaveTextAsync("Done");
        await Assertions.Expect(done).ToContainTextAsync("Mark not done");

        await page.GetByRole(AriaRole.Link, new() { Name = "Due this week" }).First.ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/timelines/due");
        await Assertions.Expect(page.Locator($"tr.overdue a[href='/sessions/{session}/timeline']", new() { HasText = "Session" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator($"a[href='/sessions/{session}/timeline']", new() { HasText = "Style consultation" })).ToHaveCountAsync(0);
    }
}
