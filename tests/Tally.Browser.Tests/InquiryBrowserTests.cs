using Microsoft.Playwright;

namespace Tally.Browser.Tests;

/// <summary>A prospect sends the public inquiry form; the studio's owner signs in and finds the lead in the list.</summary>
public sealed class InquiryBrowserTests(BrowserAppFactory app, Chromium chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<Chromium>
{
    [Fact]
    public async Task InquiryForm_Submitted_LeadAppearsInTheOwnersList()
    {
        var lastName = "Quill" + Guid.NewGuid().ToString("N")[..6];
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/s/aurora-studio/inquire");
        await page.GetByLabel("First name (required)").FillAsync("Maya");
        await page.GetByLabel("Last name (required)").FillAsync(lastName);
        await page.GetByLabel("Email (required)").FillAsync($"{lastName}@example.com");
        await page.GetByLabel("Phone (optional)").FillAsync("+1 206 555 0142");
        await page.GetByLabel("Type of event (required)").SelectOptionAsync("wedding");
        await page.GetByLabel("Event date (optional)").FillAsync(DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Budget in USD (optional)").FillAsync("6500");
        await page.GetByLabel("How did you hear of us? (required)").SelectOptionAsync("instagram");
        await page.GetByLabel("Message (optional)").FillAsync("We would love you to photograph our wedding.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send inquiry" }).PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you, Maya!" })).ToBeVisibleAsync();

        await BrowserSignIn.SignInAsync(page);
        await page.GotoAsync("/leads");
        await Assertions.Expect(page.GetByText(lastName).First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task InquiryForm_MissingEmail_ErrorNextToTheFieldAndInTheSummary()
    {
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/s/aurora-studio/inquire");
        await page.GetByLabel("First name (required)").FillAsync("Maya");
        await page.GetByLabel("Last name (required)").FillAsync("Okafor");
        await page.GetByLabel("Type of event (required)").SelectOptionAsync("portrait");
        await page.GetByLabel("How did you hear of us? (required)").SelectOptionAsync("google");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send inquiry" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Email is required");
        await Assertions.Expect(page.GetByLabel("Email (required)")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator("#inquiry-Email-error")).ToHaveTextAsync("Email is required, so that we can answer you.");
        // What was typed is kept.
        await Assertions.Expect(page.GetByLabel("Last name (required)")).ToHaveValueAsync("Okafor");
    }
}
