using Microsoft.Playwright;

namespace Tally.Browser.Tests;

/// <summary>
/// The pipeline board with the mouse (wwwroot/js/pipeline.js): a card dragged to another stage is
/// moved through its own form, the lead page's History shows the stage change, and a drag the
/// state machine forbids shows the server's refusal.
/// </summary>
public sealed class PipelineDragBrowserTests(BrowserAppFactory app, Chromium chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<Chromium>
{
    // Wide enough for the board's first columns side by side.
    private static readonly ViewportSize Wide = new() { Width = 1600, Height = 900 };

    // Grab the card by its name, away from the select and the button of its form.
    private static readonly LocatorDragToOptions ByTheName = new() { SourcePosition = new SourcePosition { X = 12, Y = 10 } };

    [Fact]
    public async Task DragALeadToContacted_MovesIt_AndItsPageShowsTheStageChange()
    {
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), ViewportSize = Wide });
        var page = await context.NewPageAsync();
        await BrowserSignIn.SignInAsync(page);
        await page.GotoAsync("/pipeline");

        var card = page.Locator("section[data-stage=inquiry] li.card").First;
        var lead = await card.GetAttributeAsync("data-lead");
        await Assertions.Expect(card).ToHaveAttributeAsync("draggable", "true");
        await card.DragToAsync(page.Locator("section[data-stage=contacted] h2"), ByTheName);

        await page.WaitForURLAsync(url => url.EndsWith($"/pipeline?moved={lead}", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".lead-history li")).ToContainTextAsync("Inquiry → Contacted");
        await Assertions.Expect(page.Locator($"section[data-stage=contacted] li.card[data-lead='{lead}']")).ToBeVisibleAsync();

        await page.GotoAsync($"/leads/{lead}");
        var stageChange = page.Locator("ol.history > li").First.Locator("li[data-field=workflow_stage]");
        await Assertions.Expect(stageChange).ToHaveTextAsync("Workflow stage: inquiry → contacted");
        await Assertions.Expect(page.Locator("ol.history > li").First).ToContainTextAsync(Tally.Tests.Web.TestSignIn.AuroraOwner);
    }

    [Fact]
    public async Task DragToAForbiddenStage_ShowsTheServersRefusal_AndMovesNothing()
    {
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), ViewportSize = Wide });
        var page = await context.NewPageAsync();
        await BrowserSignIn.SignInAsync(page);
        await page.GotoAsync("/pipeline");

        var card = page.Locator("section[data-stage=inquiry] li.card").Nth(1);
        var lead = await card.GetAttributeAsync("data-lead");
        await card.DragToAsync(page.Locator("section[data-stage=booked] h2"), ByTheName);

        await page.WaitForURLAsync(url => url.EndsWith("/pipeline?problem=forbidden", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not allowed");
        await Assertions.Expect(page.Locator($"section[data-stage=inquiry] li.card[data-lead='{lead}']")).ToBeVisibleAsync();
    }
}
