using Microsoft.Playwright;

namespace Tally.Browser.Tests;

/// <summary>Front of the business by hand: create a client, book their session from their page, find it on the agenda.</summary>
public sealed class ClientSessionBrowserTests(BrowserAppFactory app, Chromium chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<Chromium>
{
    [Fact]
    public async Task CreateClient_BookASessionFromTheirPage_SeeItOnTheAgenda()
    {
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await BrowserSignIn.SignInAsync(page);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Clients" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New client" }).ClickAsync();
        await page.GetByLabel("First name").FillAsync("Céleste");
        await page.GetByLabel("Last name").FillAsync("Fontaine");
        await page.GetByLabel("Email").FillAsync("celeste.fontaine@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create client" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Céleste Fontaine");
        await page.GetByRole(AriaRole.Link, new() { Name = "Book a session" }).ClickAsync();
        await page.GetByLabel("Type").SelectOptionAsync("wedding");
        await page.GetByLabel("Starts").FillAsync("2031-05-14T15:00");
        await page.GetByLabel("Ends").FillAsync("2031-05-14T23:30");
        await page.GetByLabel("Location", new() { Exact = true }).FillAsync("Château de Vaux");
        await page.GetByRole(AriaRole.Button, new() { Name = "Book session" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Céleste Fontaine Wedding");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Timeline", Exact = true })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Week in the agenda" }).ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith("/sessions/agenda?week=2031-W20", StringComparison.Ordinal));
        var wednesday = page.Locator("section[data-day='2031-05-14']");
        await Assertions.Expect(wednesday.GetByRole(AriaRole.Link, new() { Name = "Céleste Fontaine Wedding" })).ToBeVisibleAsync();
        await Assertions.Expect(wednesday.Locator(".agenda-time")).ToHaveTextAsync("15:00–23:30");
    }
}
