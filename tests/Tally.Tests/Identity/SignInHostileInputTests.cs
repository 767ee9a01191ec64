using System.Net;
using Tally.Tests.Web;

namespace Tally.Tests.Identity;

/// <summary>Every string of the Big List of Naughty Strings typed into the sign-in form: a 4xx or the page, never a 5xx.</summary>
public sealed class SignInHostileInputTests(IdentityWebFactory app) : IClassFixture<IdentityWebFactory>
{
    [Fact]
    public async Task SignIn_NaughtyEmailAndPassword_NeverServerError()
    {
        var client = app.CreateClient();
        var page = await client.GetStringAsync("/signin");
        var failures = new List<string>();
        var answered = 0;

        foreach (var naughty in Blns.All)
        {
            foreach (var (email, password) in new[] { (naughty, naughty), (TestSignIn.AuroraBookkeeper + naughty, naughty) })
            {
                using var response = await HtmlForms.PostAsync(client, page, "/signin", "signin", ("Input.Email", email), ("Input.Password", password));
                answered++;
                var status = (int)response.StatusCode;
                if (status >= 500 || status < 200 || (status >= 300 && status < 400))
                {
                    failures.Add($"{status} for {Escape(email)} / {Escape(password)}: {await response.Content.ReadAsStringAsync()}");
                }
                else if (response.StatusCode == HttpStatusCode.BadRequest && HtmlForms.Alert(await response.Content.ReadAsStringAsync()) is null)
                {
                    failures.Add($"400 without a message for {Escape(email)}");
                }
            }
        }

        Assert.Equal(Blns.All.Count * 2, answered);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }

    private static string Escape(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}
