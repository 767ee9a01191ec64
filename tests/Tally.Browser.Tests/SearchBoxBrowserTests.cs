using Microsoft.Playwright;

namespace Tally.Browser.Tests;

/// <summary>The header search box as a person uses it: type, see grouped results, arrow down, Enter.</summary>
public sealed class SearchBoxBrowserTests(BrowserAppFactory app, Chromium chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<Chromium>
{
    [Fact]
    public async Task SearchBox_TypeArrowDownEnter_OpensTheRecord()
    {
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                scriptErrors.Add(message.Text);
            }
        };
        await BrowserSignIn.SignInAsync(page);
        await page.GotoAsync("/leads");

        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Search leads, clients and sessions" });
        await box.PressSequentiallyAsync("a", new() { Delay = 50 });

        var options = page.Locator("#site-search-results [role=option]");
        await Assertions.Expect(options.First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#site-search-results .search-group-label").First).ToHaveTextAsync("Leads");
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-expanded", "true");

        await box.PressAsync("ArrowDown");
        await Assertions.Expect(options.First).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(box).ToHaveAttributeAsync("aria-activedescendant", "search-option-0");
        var target = await options.First.GetAttributeAsync("data-url");
        Assert.NotNull(target);

        await box.PressAsync("Enter");

        await page.WaitForURLAsync(url => url.EndsWith(target, StringComparison.Ordinal));
        Assert.Matches("^/leads/[0-9a-f-]{36}$", target);
        // The lead's own page, not a list or a 404.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).Not.ToHaveTextAsync("Not found");
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task SearchBox_Escape_ClosesTheResults_AndEnterWithoutSelection_OpensTheResultsPage()
    {
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await BrowserSignIn.SignInAsync(page);
        await page.GotoAsync("/leads");
        var box = page.GetByRole(AriaRole.Combobox, new() { Name = "Search leads, clients and sessions" });

        await box.PressSequentiallyAsync("wedding", new() { Delay = 30 });
        await Assertions.Expect(page.Locator("#site-search-results")).ToBeVisibleAsync();
        await box.PressAsync("Escape");
        await Assertions.Expect(page.Locator("#site-search-results")).ToBeHiddenAsync();
        await box.PressAsync("Enter");

        await page.WaitForURLAsync(url => url.Contains("/search?q=wedding", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Search");
    }
}
