using System.Net;
using System.Net.Http.Json;
using Tally.Tests.Web;
using Tally.Web.Features.Leads;

namespace Tally.Tests.Leads;

/// <summary>POST …/leads/{id}/convert: a client (and a session) from a lead, whole or not at all.</summary>
public sealed class LeadConversionTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    [Fact]
    public async Task Convert_WithSession_CreatesClientAndSessionAndMarksLeadWon()
    {
        var client = await app.CreateSignedInClientAsync();
        var (lead, _) = await LeadsApi.CreateAsync(client, LeadsApi.ValidLead());
        var start = new DateTimeOffset(2027, 6, 12, 14, 0, 0, TimeSpan.FromHours(2));

        var response = await client.PostAsJsonAsync($"{LeadsApi.Base}/{lead.Id}/convert",
            new { session = new { type = "wedding", startsAt = start, endsAt = start.AddHours(8) } });

        var result = await WebAssert.OkJsonAsync<ConversionResult>(response);
        Assert.False(result.LinkedExistingClient);
        Assert.NotNull(result.SessionId);
        Assert.Equal(("won", "booked"), (result.Status, result.WorkflowStage));
        var after = (await LeadsApi.GetAsync(client, lead.Id)).Lead;
        Assert.Equal((result.ClientId, "won", "booked"), (after.ConvertedClientId!.Value, after.Status, after.WorkflowStage));
        Assert.Equal(lead.Email, await LeadsApi.ScalarAsync<string>(app, "SELECT email::text FROM clients WHERE id = @id", new { id = result.ClientId }));
        var session = await LeadsApi.SingleAsync<(Guid ClientId, string Status, DateTime StartsAt)>(app,
            "SELECT client_id, status, starts_at FROM sessions WHERE id = @id", new { id = result.SessionId });
        Assert.Equal((result.ClientId, "booked", start.UtcDateTime), (session.ClientId, session.Status, session.StartsAt.ToUniversalTime()));
        // The state machine recorded the move, saying why.
        Assert.Equal("converted to a client", await LeadsApi.ScalarAsync<string>(app,
            "SELECT transition_reason FROM workflow_transitions WHERE entity_id = @id AND to_stage = 'booked'", new { id = lead.Id }));
    }

    [Fact]
    public async Task Convert_EmailOfAnExistingClient_LinksThatClient()
    {
        var client = await app.CreateSignedInClientAsync();
        var (existingId, existingEmail) = (await LeadsApi.ScalarAsync<Guid>(app,
            "SELECT c.id FROM clients c JOIN studios s ON s.id = c.studio_id WHERE s.slug = 'aurora-studio' ORDER BY c.created_at LIMIT 1")) is var id
            ? (id, await LeadsApi.ScalarAsync<string>(app, "SELECT email::text FROM clients WHERE id = @id", new { id }))
            : default;
        var clients = await CountAsync("clients");
        var (lead, _) = await LeadsApi.CreateAsync(client, LeadsApi.ValidLead(existingEmail.ToUpperInvariant()));

        var result = await WebAssert.OkJsonAsync<ConversionResult>(await client.PostAsJsonAsync($"{LeadsApi.Base}/{lead.Id}/convert", new { }));

        Assert.True(result.LinkedExistingClient);
        Assert.Equal(existingId, result.ClientId);
        Assert.Null(result.SessionId);
        Assert.Equal(clients, await CountAsync("clients"));
    }

    [Fact]
    public async Task Convert_SessionTheDatabaseRejects_ChangesNothingAtAll()
    {
        var client = await app.CreateSignedInClientAsync();
        var (lead, etag) = await LeadsApi.CreateAsync(client, LeadsApi.ValidLead());
        var counts = (await CountAsync("clients"), await CountAsync("sessions"), await CountAsync("workflow_transitions"));
        var start = new DateTimeOffset(2027, 6, 12, 14, 0, 0, TimeSpan.Zero);

        // The client is inserted first; the session ending before it starts then fails its CHECK.
        var response = await client.PostAsJsonAsync($"{LeadsApi.Base}/{lead.Id}/convert",
            new { session = new { type = "wedding", startsAt = start, endsAt = start.AddHours(-1) } });

        var problem = await WebAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("session", out _), problem.GetRawText());
        Assert.Equal(counts, (await CountAsync("clients"), await CountAsync("sessions"), await CountAsync("workflow_transitions")));
        Assert.Equal(0L, await LeadsApi.ScalarAsync<long>(app, "SELECT count(*) FROM clients WHERE email = @email::citext", new { email = lead.Email }));
        var (after, afterTag) = await LeadsApi.GetAsync(client, lead.Id);
        Assert.Equal(lead, after);
        Assert.Equal(etag, afterTag);
    }

    [Fact]
    public async Task Convert_Twice_Returns409()
    {
        var client = await app.CreateSignedInClientAsync();
        var (lead, _) = await LeadsApi.CreateAsync(client, LeadsApi.ValidLead());
        await WebAssert.OkJsonAsync<ConversionResult>(await client.PostAsJsonAsync($"{LeadsApi.Base}/{lead.Id}/convert", new { }));

        await WebAssert.ProblemAsync(await client.PostAsJsonAsync($"{LeadsApi.Base}/{lead.Id}/convert", new { }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Convert_LeadWithoutEmail_Returns409AndChangesNothing()
    {
        var client = await app.CreateSignedInClientAsync();
        var (lead, _) = await LeadsApi.CreateAsync(client, new { firstName = "Phone", phone = "+44 20 7946 0000" });

        await WebAssert.ProblemAsync(await client.PostAsJsonAsync($"{LeadsApi.Base}/{lead.Id}/convert", new { }), HttpStatusCode.Conflict);

        Assert.Null((await LeadsApi.GetAsync(client, lead.Id)).Lead.ConvertedClientId);
    }

    [Fact]
    public async Task Convert_StaleIfMatch_Returns412()
    {
        var client = await app.CreateSignedInClientAsync();
        var (lead, etag) = await LeadsApi.CreateAsync(client, LeadsApi.ValidLead());
        await WebAssert.OkJsonAsync<LeadDetail>(await client.SendAsync(LeadsApi.Write(HttpMethod.Patch, lead.Id, new { venue = "Elsewhere" }, etag)));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{LeadsApi.Base}/{lead.Id}/convert") { Content = JsonContent.Create(new { }) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);

        await WebAssert.ProblemAsync(await client.SendAsync(request), HttpStatusCode.PreconditionFailed);
        Assert.Null((await LeadsApi.GetAsync(client, lead.Id)).Lead.ConvertedClientId);
    }

    [Theory]
    [InlineData("""{"session":{"type":"wedding"}}""", "session.startsAt")]
    [InlineData("""{"session":{"type":"brunch","startsAt":"2027-01-01T10:00:00Z","endsAt":"2027-01-01T11:00:00Z"}}""", "session.type")]
    public async Task Convert_InvalidSession_Returns400(string body, string field)
    {
        var client = await app.CreateSignedInClientAsync();
        var (lead, _) = await LeadsApi.CreateAsync(client, LeadsApi.ValidLead());

        var response = await client.PostAsync($"{LeadsApi.Base}/{lead.Id}/convert", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await WebAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task Convert_AsStaff_Returns403()
    {
        var owner = await app.CreateSignedInClientAsync();
        var (lead, _) = await LeadsApi.CreateAsync(owner, LeadsApi.ValidLead());
        var staff = await app.CreateSignedInClientAsync(TestSignIn.AuroraStaff);

        await WebAssert.ProblemAsync(await staff.PostAsJsonAsync($"{LeadsApi.Base}/{lead.Id}/convert", new { }), HttpStatusCode.Forbidden);
    }

    private Task<long> CountAsync(string table) => LeadsApi.ScalarAsync<long>(app, $"SELECT count(*) FROM {table}");
}
