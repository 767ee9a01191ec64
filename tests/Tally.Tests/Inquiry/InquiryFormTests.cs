using System.Net;
using Dapper;
using Tally.Tests.Web;

namespace Tally.Tests.Inquiry;

/// <summary>The public inquiry form /s/{slug}/inquire: what it creates, and what it refuses while creating nothing.</summary>
public sealed class InquiryFormTests(InquiryWebFactory app) : IClassFixture<InquiryWebFactory>
{
    [Fact]
    public async Task Get_KnownStudio_ShowsTheFormWithLabelsAndTheStudiosCurrency()
    {
        var html = await app.CreateClient().GetStringAsync(InquiryForm.Url);

        Assert.Contains("Inquire with Aurora Studio", html, StringComparison.Ordinal);
        foreach (var field in new[] { "FirstName", "LastName", "PartnerName", "Email", "Phone", "EventType", "EventDate", "Budget", "Source", "Message" })
        {
            Assert.Contains($"<label for=\"inquiry-{field}\"", html, StringComparison.Ordinal);
        }
        Assert.Contains("Budget in USD", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_ValidInquiry_CreatesExactlyOneLeadWithTheFields()
    {
        var email = InquiryForm.NewEmail();
        var date = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var before = await app.LeadCountAsync();

        using var response = await InquiryForm.SubmitAsync(app.CreateClient(), InquiryForm.Fields(email, ("EventDate", date), ("Budget", "6,500.50")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Thank you, Maya!", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await app.LeadCountAsync());
        await using var owner = await app.Database.OpenOwnerAsync();
        var lead = await owner.QuerySingleAsync("""
            SELECT s.slug, l.first_name, l.last_name, l.partner_name, l.email::text AS email, l.phone, l.event_type,
                   l.event_date::text AS event_date, l.budget, l.currency::text AS currency, l.source, l.message, l.status, l.workflow_stage
            FROM leads l JOIN studios s ON s.id = l.studio_id WHERE l.email = @email::citext
            """, new { email });
        Assert.Equal("aurora-studio", (string)lead.slug);
        Assert.Equal("Maya", (string)lead.first_name);
        Assert.Equal("Okafor", (string)lead.last_name);
        Assert.Equal("Jon Rees", (string)lead.partner_name);
        Assert.Equal("+1 206 555 0142", (string)lead.phone);
        Assert.Equal("wedding", (string)lead.event_type);
        Assert.Equal(date, (string)lead.event_date);
        Assert.Equal(6500.50m, (decimal)lead.budget);
        Assert.Equal("USD", (string)lead.currency);
        Assert.Equal("instagram", (string)lead.source);
        Assert.StartsWith("We are marrying", (string)lead.message, StringComparison.Ordinal);
        Assert.Equal("new", (string)lead.status);
        Assert.Equal("inquiry", (string)lead.workflow_stage);
    }

    [Fact]
    public async Task Submit_OptionalFieldsEmpty_CreatesLeadWithoutThem()
    {
        var email = InquiryForm.NewEmail();

        using var response = await InquiryForm.SubmitAsync(app.CreateClient(), InquiryForm.Fields(email,
            ("PartnerName", ""), ("Phone", ""), ("EventDate", ""), ("Budget", ""), ("Message", "")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var owner = await app.Database.OpenOwnerAsync();
        var (budget, currency, phone) = await owner.QuerySingleAsync<(decimal?, string?, string?)>(
            "SELECT budget, currency::text, phone FROM leads WHERE email = @email::citext", new { email });
        Assert.Equal((null, null, null), (budget, currency, phone));
    }

    [Theory]
    [InlineData("FirstName", "", "First name is required")]
    [InlineData("LastName", "  ", "Last name is required")]
    [InlineData("Email", "", "Email is required")]
    [InlineData("EventType", "", "Choose the type of event")]
    [InlineData("Source", "", "Tell us how you heard of us")]
    [InlineData("Email", "not-an-email", "Email does not look like an address")]
    [InlineData("Email", "two@@example.com", "Email does not look like an address")]
    [InlineData("Email", "a b@example.com", "Email does not look like an address")]
    [InlineData("Phone", "call me maybe", "Phone may hold digits")]
    [InlineData("EventType", "party", "Choose a type of event from the list")]
    [InlineData("Source", "tv", "Choose how you heard of us from the list")]
    [InlineData("EventDate", "2027-13-45", "Event date is not a date")]
    [InlineData("EventDate", "12/06/2027", "Event date is not a date")]
    [InlineData("EventDate", "2001-01-01", "Event date is in the past")]
    [InlineData("EventDate", "2200-01-01", "Event date is too far ahead")]
    [InlineData("Budget", "-5", "Budget is not an amount")]
    [InlineData("Budget", "lots", "Budget is not an amount")]
    [InlineData("Budget", "1.234", "Budget is not an amount")]
    [InlineData("Budget", "99999999999", "Budget is too large")]
    [InlineData("FirstName", "x\u0001y", "First name contains characters that cannot be stored")]
    public async Task Submit_InvalidField_400NamesTheFieldAndCreatesNothing(string field, string value, string expected)
    {
        var email = field == "Email" ? value : InquiryForm.NewEmail();
        var before = await app.LeadCountAsync();

        using var response = await InquiryForm.SubmitAsync(app.CreateClient(), InquiryForm.Fields(field == "Email" ? value : email, (field, value)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(expected, HtmlForms.Alert(html) ?? "", StringComparison.Ordinal);
        // The message also sits next to the field, which points at it.
        Assert.Contains($"id=\"inquiry-{field}-error\"", html, StringComparison.Ordinal);
        Assert.Contains($"aria-describedby=\"inquiry-{field}-error\"", html, StringComparison.Ordinal);
        Assert.Equal(before, await app.LeadCountAsync());
    }

    [Theory]
    [InlineData("FirstName", 101, "First name is too long")]
    [InlineData("LastName", 101, "Last name is too long")]
    [InlineData("PartnerName", 201, "Partner's name is too long")]
    [InlineData("Message", 10001, "Message is too long")]
    public async Task Submit_OversizeText_400NamesTheFieldAndCreatesNothing(string field, int length, string expected)
    {
        var email = InquiryForm.NewEmail();

        using var response = await InquiryForm.SubmitAsync(app.CreateClient(), InquiryForm.Fields(email, (field, new string('é', length))));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, HtmlForms.Alert(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await app.LeadCountAsync(email));
    }

    [Fact]
    public async Task Submit_LongestValidMessage_IsAccepted()
    {
        var email = InquiryForm.NewEmail();

        using var response = await InquiryForm.SubmitAsync(app.CreateClient(), InquiryForm.Fields(email, ("Message", string.Concat(Enumerable.Repeat("😀", 10000)))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await app.LeadCountAsync(email));
    }

    [Fact]
    public async Task Submit_OneMegabyteMessage_413WithAClearMessageAndNothingCreated()
    {
        var email = InquiryForm.NewEmail();
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        var before = await app.LeadCountAsync();

        using var response = await InquiryForm.SubmitAsync(client, InquiryForm.Fields(email, ("Message", new string('a', 1024 * 1024))));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("too large", HtmlForms.Alert(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, await app.LeadCountAsync());
    }

    [Fact]
    public async Task Submit_ScriptTags_StoredVerbatimAndRenderedEncoded()
    {
        var email = InquiryForm.NewEmail();
        const string Script = "<script>alert('x')</script>";

        using var response = await InquiryForm.SubmitAsync(app.CreateClient(), InquiryForm.Fields(email,
            ("FirstName", Script), ("LastName", "<b>bold</b>"), ("Message", "<img src=x onerror=alert(1)>")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Script, html, StringComparison.Ordinal);
        Assert.Contains("Thank you, &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;!", html, StringComparison.Ordinal);
        await using var owner = await app.Database.OpenOwnerAsync();
        var (first, last, message) = await owner.QuerySingleAsync<(string, string, string)>(
            "SELECT first_name, last_name, message FROM leads WHERE email = @email::citext", new { email });
        Assert.Equal((Script, "<b>bold</b>", "<img src=x onerror=alert(1)>"), (first, last, message));
    }

    [Fact]
    public async Task Submit_ScriptInInvalidForm_IsEchoedEncoded()
    {
        using var response = await InquiryForm.SubmitAsync(app.CreateClient(), InquiryForm.Fields("bad", ("FirstName", "\"><script>alert(1)</script>")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_HoneypotFilled_LooksLikeSuccessButCreatesNothing()
    {
        var email = InquiryForm.NewEmail();
        var before = await app.LeadCountAsync();

        using var response = await InquiryForm.SubmitAsync(app.CreateClient(), InquiryForm.Fields(email, ("Website", "http://spam.example")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Thank you, Maya!", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await app.LeadCountAsync());
    }

    [Fact]
    public async Task Submit_WithoutAntiforgeryToken_400AndNothingCreated()
    {
        var email = InquiryForm.NewEmail();
        var content = new FormUrlEncodedContent(InquiryForm.Fields(email).Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("_handler", "inquiry")));

        using var response = await app.CreateClient().PostAsync(InquiryForm.Url, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.LeadCountAsync(email));
    }

    [Fact]
    public async Task Submit_RepeatFromSameEmailInAnotherCase_AddsAnInteractionToTheOpenLeadNotALead()
    {
        var email = InquiryForm.NewEmail();
        using (var first = await InquiryForm.SubmitAsync(app.CreateClient(), InquiryForm.Fields(email)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }
        var before = await app.LeadCountAsync();

        using var again = await InquiryForm.SubmitAsync(app.CreateClient(), InquiryForm.Fields(email.ToUpperInvariant(),
            ("Message", "Also: could you cover the rehearsal dinner?"), ("Phone", "+1 206 555 0199")));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Thank you, Maya!", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await app.LeadCountAsync());
        await using var owner = await app.Database.OpenOwnerAsync();
        var interaction = await owner.QuerySingleAsync<(string Kind, string Direction, string Summary, string Body)>("""
            SELECT i.kind, i.direction, i.summary, i.body FROM lead_interactions i JOIN leads l ON l.studio_id = i.studio_id AND l.id = i.lead_id
            WHERE l.email = @email::citext
            """, new { email });
        Assert.Equal("inquiry", interaction.Kind);
        Assert.Equal("inbound", interaction.Direction);
        Assert.Contains("Maya Okafor", interaction.Summary, StringComparison.Ordinal);
        Assert.Contains("could you cover the rehearsal dinner?", interaction.Body, StringComparison.Ordinal);
        Assert.Contains("+1 206 555 0199", interaction.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status = 'lost'")]
    [InlineData("status = 'won'")]
    [InlineData("workflow_stage = 'archived'")]
    public async Task Submit_RepeatAfterTheLeadClosed_CreatesANewLead(string close)
    {
        var email = InquiryForm.NewEmail();
        using (var first = await InquiryForm.SubmitAsync(app.CreateClient(), InquiryForm.Fields(email)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }
        await using (var owner = await app.Database.OpenOwnerAsync())
        {
            await owner.ExecuteAsync($"UPDATE leads SET {close} WHERE email = @email::citext", new { email });
        }

        using var again = await InquiryForm.SubmitAsync(app.CreateClient(), InquiryForm.Fields(email));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(2, await app.LeadCountAsync(email));
    }

    [Fact]
    public async Task Submit_SameEmailAtAnotherStudio_CreatesThatStudiosOwnLead()
    {
        var email = InquiryForm.NewEmail();
        using (var first = await InquiryForm.SubmitAsync(app.CreateClient(), InquiryForm.Fields(email)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var other = await HtmlForms.SubmitAsync(app.CreateClient(), "/s/north-light/inquire", "inquiry", InquiryForm.Fields(email));

        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(2, await app.LeadCountAsync(email));
    }

    [Fact]
    public async Task Submit_TwoRepeatsAtOnce_NeverMakeTwoLeads()
    {
        var email = InquiryForm.NewEmail();
        var client = app.CreateClient();
        var page = await client.GetStringAsync(InquiryForm.Url);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => HtmlForms.PostAsync(client, page, InquiryForm.Url, "inquiry", InquiryForm.Fields(email))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, await app.LeadCountAsync(email));
        await using var owner = await app.Database.OpenOwnerAsync();
        Assert.Equal(5, await owner.QuerySingleAsync<long>(
            "SELECT count(*) FROM lead_interactions i JOIN leads l ON l.studio_id = i.studio_id AND l.id = i.lead_id WHERE l.email = @email::citext", new { email }));
    }

    [Theory]
    [InlineData("/s/no-such-studio/inquire")]
    [InlineData("/s/NOT%20A%20SLUG/inquire")]
    public async Task Get_UnknownStudio_404(string url)
    {
        using var response = await app.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no studio at this address", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_UnknownStudio_404AndNothingCreated()
    {
        var client = app.CreateClient();
        var page = await client.GetStringAsync(InquiryForm.Url);
        var email = InquiryForm.NewEmail();

        using var response = await HtmlForms.PostAsync(client, page, "/s/no-such-studio/inquire", "inquiry", InquiryForm.Fields(email));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await app.LeadCountAsync(email));
    }
}
