using Microsoft.Playwright;

namespace Tally.Browser.Tests;

/// <summary>A person takes a new inquiry, opens it and converts it into a client while booking the session.</summary>
public sealed class LeadConversionBrowserTests(BrowserAppFactory app, Chromium chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<Chromium>
{
    [Fact]
    public async Task Lead_CreatedOpenedAndConvertedWithASession_ShowsTheClientLink()
    {
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await BrowserSignIn.SignInAsync(page);

        await page.GotoAsync("/leads");
        await page.GetByRole(AriaRole.Link, new() { Name = "New lead" }).ClickAsync();
        await page.GetByLabel("First name").FillAsync("Maren");
        await page.GetByLabel("Last name").FillAsync("Holt");
        await page.GetByLabel("Email").FillAsync("maren.holt@example.com");
        await page.GetByLabel("Event type").SelectOptionAsync("wedding");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create lead" }).ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/leads/", StringComparison.Ordinal) && url.Contains("done=created", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Maren Holt", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Documents" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/leads/[0-9a-f-]{36}/documents$"));

        // The list shows it too, and its name opens it.
        await page.GotoAsync("/leads");
        await page.GetByRole(AriaRole.Link, new() { Name = "Maren Holt" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Maren Holt", Level = 1 })).ToBeVisibleAsync();

        await page.GetByLabel("Also book a session").CheckAsync();
        await page.GetByLabel("Session type").SelectOptionAsync("wedding");
        await page.GetByLabel("Session start").FillAsync("2027-06-12T14:00");
        await page.GetByLabel("Session end").FillAsync("2027-06-12T23:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "Convert to client" }).ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("done=converted", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("converted into a client");
        var clientLink = page.GetByRole(AriaRole.Link, new() { Name = "Open the client" });
        await Assertions.Expect(clientLink).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/clients/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.Locator(".page-heading .status").First).ToHaveTextAsync("Won");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Convert to client" })).ToHaveCountAsync(0);
    }
}
