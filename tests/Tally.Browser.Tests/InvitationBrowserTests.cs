using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tally.Tests.Web;

namespace Tally.Browser.Tests;

/// <summary>The whole way into a team: invited by an owner, joining from the email, working, leaving.</summary>
public sealed partial class InvitationBrowserTests(BrowserAppFactory app, Chromium chromium)
    : IClassFixture<BrowserAppFactory>, IClassFixture<Chromium>
{
    private const string Invitee = "new.photographer@example.com";
    private const string Password = "golden hour at the lake";

    [Fact]
    public async Task Invitation_EmailedLinkFollowed_NewMemberSeesLeadsAndSignsOut()
    {
        // The owner invites a teammate from the team page.
        await using (var ownerContext = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() }))
        {
            var owner = await ownerContext.NewPageAsync();
            await BrowserSignIn.SignInAsync(owner);
            await owner.GetByRole(AriaRole.Link, new() { Name = "Team" }).ClickAsync();
            await owner.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/team");
            await owner.GetByLabel("Email").FillAsync(Invitee);
            await owner.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync("admin");
            await owner.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).PressAsync("Enter");
            await Assertions.Expect(owner.GetByRole(AriaRole.Status)).ToContainTextAsync($"Invitation sent to {Invitee}");
            await Assertions.Expect(owner.Locator($"tr[data-invitation='{Invitee}']")).ToBeVisibleAsync();
        }

        // The invitation arrives by mail, through the app's SMTP server.
        var mail = await app.SentMail.WaitForAsync(m => m.To == Invitee, TimeSpan.FromSeconds(15));
        Assert.Equal("You are invited to join Aurora Studio on Tally", mail.Subject);
        var link = AcceptLink().Match(mail.TextBody);
        Assert.True(link.Success, mail.TextBody);
        Assert.StartsWith(app.BaseAddress.ToString().TrimEnd('/'), link.Value, StringComparison.Ordinal);

        // The invitee opens it in a browser of their own, chooses a name and password, and is in.
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync(link.Value);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Join Aurora Studio");
        await page.GetByLabel("Your name").FillAsync("Nova Lindqvist");
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Repeat the password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Join the team" }).PressAsync("Enter");

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/dashboard");
        await page.GotoAsync("/leads");
        await Assertions.Expect(page.Locator(".studio-name")).ToHaveTextAsync("Aurora Studio");
        await Assertions.Expect(page.Locator("table.leads tbody th[scope=row]")).ToHaveCountAsync(50);
        await Assertions.Expect(page.Locator(".account-name")).ToHaveTextAsync("Nova Lindqvist");

        // Signing out ends the session: the leads are behind the sign-in form again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/signin");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You have signed out.");
        await page.GotoAsync("/leads");
        Assert.Equal("/signin", new Uri(page.Url).AbsolutePath);

        // The link worked once.
        await page.GotoAsync(link.Value);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("can no longer be used");
    }

    [GeneratedRegex(@"http://\S+/invitations/accept\?token=[A-Za-z0-9_-]+")]
    private static partial Regex AcceptLink();
}
