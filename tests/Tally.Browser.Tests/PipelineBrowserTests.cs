using Microsoft.Playwright;

namespace Tally.Browser.Tests;

/// <summary>The pipeline board as a person uses it with the keyboard: pick the next stage, move, see the history.</summary>
public sealed class PipelineBrowserTests(BrowserAppFactory app, Chromium chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<Chromium>
{
    [Fact]
    public async Task Board_MoveALeadWithTheKeyboard_ShowsItsTransition()
    {
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await BrowserSignIn.SignInAsync(page);
        await page.GotoAsync("/pipeline");

        var inquiries = page.Locator("section[data-stage=inquiry]");
        var before = int.Parse((await inquiries.Locator(".count").GetAttributeAsync("data-count"))!, System.Globalization.CultureInfo.InvariantCulture);
        var card = inquiries.Locator("li.card").First;
        var lead = await card.GetAttributeAsync("data-lead");
        var select = card.GetByRole(AriaRole.Combobox);

        await select.FocusAsync();
        await Assertions.Expect(select).ToHaveValueAsync("contacted");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(card.GetByRole(AriaRole.Button, new() { Name = "Move" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await page.WaitForURLAsync(url => url.EndsWith($"/pipeline?moved={lead}", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator(".lead-history li")).ToContainTextAsync("Inquiry → Contacted");
        await Assertions.Expect(page.Locator("section[data-stage=inquiry] .count")).ToHaveAttributeAsync("data-count", (before - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator($"section[data-stage=contacted] li.card[data-lead='{lead}']")).ToBeVisibleAsync();
    }
}
