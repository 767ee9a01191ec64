using System.Net;
using System.Net.Http.Json;
using Dapper;
using Tally.Tests.Web;
using Tally.Web.Features.Clients;

namespace Tally.Tests.Clients;

/// <summary>/api/v1/studios/{slug}/clients: every operation, its validation, conflicts, concurrency and isolation.</summary>
public sealed class ClientsApiTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    private const string Base = ClientsApi.Base;

    [Fact]
    public async Task Create_Valid_Is201WithLocationETagAndNormalisedFields()
    {
        var http = await app.CreateSignedInClientAsync();
        var body = ClientsApi.Body();
        body["notes"] = "<script>alert(1)</script>";

        using var response = await http.PostAsJsonAsync(Base, body);
        var created = await response.Content.ReadFromJsonAsync<Client>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"{Base}/{created!.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal($"\"{created.Version}\"", response.Headers.ETag?.ToString());
        Assert.Equal(("Amélie", "FR", "<script>alert(1)</script>"), (created.FirstName, created.Country, created.Notes));
        using var read = await http.GetAsync($"{Base}/{created.Id}");
        var again = await WebAssert.OkJsonAsync<Client>(read);
        Assert.Equal(created, again);
        Assert.Equal(response.Headers.ETag, read.Headers.ETag);
    }

    [Theory]
    [InlineData("firstName", null)]
    [InlineData("firstName", "   ")]
    [InlineData("firstName", "101")]
    [InlineData("lastName", "101")]
    [InlineData("partnerName", "201")]
    [InlineData("email", null)]
    [InlineData("email", "not-an-email")]
    [InlineData("email", "a@b")]
    [InlineData("phone", "41")]
    [InlineData("addressLine1", "201")]
    [InlineData("addressLine2", "201")]
    [InlineData("city", "101")]
    [InlineData("region", "101")]
    [InlineData("postalCode", "21")]
    [InlineData("country", "France")]
    [InlineData("country", "1A")]
    [InlineData("notes", "10001")]
    [InlineData("firstName", "nul\0")]
    public async Task Create_InvalidField_Is400NamingItAndCreatesNothing(string field, string? value)
    {
        var http = await app.CreateSignedInClientAsync();
        var body = ClientsApi.Body();
        // A number says "a string this long".
        body[field] = value is not null && int.TryParse(value, out var length) && field != "country" ? new string('x', length) : value;
        var before = await ClientsApi.CountAsync(app);

        var problem = await WebAssert.ProblemAsync(await http.PostAsJsonAsync(Base, body), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(before, await ClientsApi.CountAsync(app));
    }

    [Fact]
    public async Task Create_EmailOfAnotherClientInOtherCase_Is409()
    {
        var http = await app.CreateSignedInClientAsync();
        await ClientsApi.CreateAsync(http, ClientsApi.Body("Case.Clash@Example.com"));

        var problem = await WebAssert.ProblemAsync(await http.PostAsJsonAsync(Base, ClientsApi.Body("case.clash@EXAMPLE.COM")), HttpStatusCode.Conflict);

        Assert.Equal("email", problem.GetProperty("field").GetString());
        Assert.Contains("case.clash@EXAMPLE.COM", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_SameEmailInAnotherStudio_IsAllowed()
    {
        await using var owner = await app.Database.OpenOwnerAsync();
        var northEmail = await owner.QueryFirstAsync<string>(
            "SELECT c.email::text FROM clients c JOIN studios s ON s.id = c.studio_id WHERE s.slug = 'north-light' ORDER BY c.id LIMIT 1");

        var (created, _) = await ClientsApi.CreateAsync(await app.CreateSignedInClientAsync(), ClientsApi.Body(northEmail.ToUpperInvariant()));

        Assert.Equal(northEmail.ToUpperInvariant(), created.Email);
    }

    [Fact]
    public async Task Update_WithCurrentETag_Is200WithNewETag()
    {
        var http = await app.CreateSignedInClientAsync();
        var (client, etag) = await ClientsApi.CreateAsync(http);
        var body = ClientsApi.Body(client.Email);
        body["city"] = "Annecy";

        using var response = await http.SendAsync(ClientsApi.Put($"{Base}/{client.Id}", body, etag));
        var updated = await WebAssert.OkJsonAsync<Client>(response);

        Assert.Equal("Annecy", updated.City);
        Assert.NotEqual(etag, response.Headers.ETag?.ToString());
        Assert.Equal($"\"{updated.Version}\"", response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Update_WithoutIfMatch_Is428AndChangesNothing()
    {
        var http = await app.CreateSignedInClientAsync();
        var (client, _) = await ClientsApi.CreateAsync(http);
        var body = ClientsApi.Body(client.Email);
        body["city"] = "Annecy";

        await WebAssert.ProblemAsync(await http.SendAsync(ClientsApi.Put($"{Base}/{client.Id}", body, null)), (HttpStatusCode)428);

        Assert.Equal("Lyon", (await WebAssert.OkJsonAsync<Client>(await http.GetAsync($"{Base}/{client.Id}"))).City);
    }

    [Fact]
    public async Task Update_TwoEditorsFromOneVersion_SecondIs412()
    {
        var http = await app.CreateSignedInClientAsync();
        var (client, etag) = await ClientsApi.CreateAsync(http);
        var first = ClientsApi.Body(client.Email);
        first["city"] = "Annecy";
        var second = ClientsApi.Body(client.Email);
        second["city"] = "Grenoble";

        using var ok = await http.SendAsync(ClientsApi.Put($"{Base}/{client.Id}", first, etag));
        var problem = await WebAssert.ProblemAsync(await http.SendAsync(ClientsApi.Put($"{Base}/{client.Id}", second, etag)), HttpStatusCode.PreconditionFailed);
        var weak = await http.SendAsync(ClientsApi.Put($"{Base}/{client.Id}", second, "W/" + ok.Headers.ETag));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(ok.Headers.ETag!.Tag.Trim('"'), problem.GetProperty("currentVersion").GetString());
        Assert.Equal(HttpStatusCode.PreconditionFailed, weak.StatusCode);
        Assert.Equal("Annecy", (await WebAssert.OkJsonAsync<Client>(await http.GetAsync($"{Base}/{client.Id}"))).City);
    }

    [Fact]
    public async Task Update_ToAnotherClientsEmailInOtherCase_Is409()
    {
        var http = await app.CreateSignedInClientAsync();
        var (taken, _) = await ClientsApi.CreateAsync(http, ClientsApi.Body("Taken.Update@example.com"));
        var (client, etag) = await ClientsApi.CreateAsync(http);

        var problem = await WebAssert.ProblemAsync(
            await http.SendAsync(ClientsApi.Put($"{Base}/{client.Id}", ClientsApi.Body("TAKEN.update@example.com"), etag)), HttpStatusCode.Conflict);

        Assert.Equal("email", problem.GetProperty("field").GetString());
        Assert.NotEqual(taken.Id, client.Id);
    }

    [Fact]
    public async Task Update_OwnEmailInOtherCase_IsAllowed()
    {
        var http = await app.CreateSignedInClientAsync();
        var (client, etag) = await ClientsApi.CreateAsync(http, ClientsApi.Body("Own.Case@example.com"));

        var updated = await WebAssert.OkJsonAsync<Client>(await http.SendAsync(ClientsApi.Put($"{Base}/{client.Id}", ClientsApi.Body("own.case@example.com"), etag)));

        Assert.Equal("own.case@example.com", updated.Email);
    }

    [Fact]
    public async Task Update_InvalidBody_Is400()
    {
        var http = await app.CreateSignedInClientAsync();
        var (client, etag) = await ClientsApi.CreateAsync(http);
        var body = ClientsApi.Body(client.Email);
        body["email"] = "nope";

        var problem = await WebAssert.ProblemAsync(await http.SendAsync(ClientsApi.Put($"{Base}/{client.Id}", body, etag)), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("email", out _));
    }

    [Fact]
    public async Task EveryOperation_OnAnotherStudiosClient_Is404AndLeaksNothing()
    {
        var http = await app.CreateSignedInClientAsync();
        var foreign = await ClientsApi.OtherStudioClientAsync(app);
        await using var owner = await app.Database.OpenOwnerAsync();
        var foreignEmail = await owner.QueryFirstAsync<string>("SELECT email::text FROM clients WHERE id = @foreign", new { foreign });

        var answers = new[]
        {
            await http.GetAsync($"{Base}/{foreign}"),
            await http.GetAsync($"{Base}/{foreign}/sessions"),
            await http.SendAsync(ClientsApi.Put($"{Base}/{foreign}", ClientsApi.Body(), "\"1\"")),
            await http.DeleteAsync($"{Base}/{foreign}"),
            await http.GetAsync($"/api/v1/studios/north-light/clients/{foreign}"),
            await http.GetAsync("/api/v1/studios/north-light/clients"),
            await http.GetAsync($"{Base}/{Guid.CreateVersion7()}"),
        };

        foreach (var answer in answers)
        {
            var problem = await WebAssert.ProblemAsync(answer, HttpStatusCode.NotFound);
            Assert.DoesNotContain(foreignEmail, problem.ToString(), StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(foreignEmail, await owner.QueryFirstAsync<string>("SELECT email::text FROM clients WHERE id = @foreign", new { foreign }));
    }

    [Fact]
    public async Task Delete_ClientWithoutSessions_Is204ThenGone()
    {
        var http = await app.CreateSignedInClientAsync();
        var (client, etag) = await ClientsApi.CreateAsync(http);

        using var stale = new HttpRequestMessage(HttpMethod.Delete, $"{Base}/{client.Id}");
        stale.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await http.SendAsync(stale)).StatusCode);
        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"{Base}/{client.Id}");
        delete.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(HttpStatusCode.NoContent, (await http.SendAsync(delete)).StatusCode);

        await WebAssert.ProblemAsync(await http.GetAsync($"{Base}/{client.Id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_ClientWithSessions_Is409AndKeepsThem()
    {
        var http = await app.CreateSignedInClientAsync();
        await using var owner = await app.Database.OpenOwnerAsync();
        var withSessions = await owner.QueryFirstAsync<Guid>(
            "SELECT s.client_id FROM sessions s JOIN studios st ON st.id = s.studio_id WHERE st.slug = 'aurora-studio' ORDER BY s.id LIMIT 1");

        var problem = await WebAssert.ProblemAsync(await http.DeleteAsync($"{Base}/{withSessions}"), HttpStatusCode.Conflict);

        Assert.Contains("session", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await WebAssert.OkJsonAsync<Client>(await http.GetAsync($"{Base}/{withSessions}"));
    }

    [Fact]
    public async Task Writes_AsStaff_Are403()
    {
        var staff = await app.CreateSignedInClientAsync(TestSignIn.AuroraStaff);
        var before = await ClientsApi.CountAsync(app);

        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync(Base, ClientsApi.Body())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync(Base)).StatusCode);
        Assert.Equal(before, await ClientsApi.CountAsync(app));
    }

    [Fact]
    public async Task List_AllPagesByCursor_CoverEveryClientOnceNewestFirst()
    {
        var http = await app.CreateSignedInClientAsync();
        var seen = new List<ClientSummary>();
        string? after = null;
        do
        {
            var page = await WebAssert.OkJsonAsync<ClientPage>(await http.GetAsync($"{Base}?limit=17" + (after is null ? "" : "&after=" + after)));
            Assert.True(page.Next is null || page.Items.Count == 17);
            seen.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null);

        Assert.Equal(await ClientsApi.CountAsync(app), seen.Count);
        Assert.Equal(seen.Count, seen.Select(c => c.Id).Distinct().Count());
        var order = seen.Select(c => (c.CreatedAt, c.Id)).ToList();
        Assert.Equal(order.OrderByDescending(o => o.CreatedAt).ThenByDescending(o => o.Id), order);
    }

    [Theory]
    [InlineData("zeph")]
    [InlineData("ZÉPHYRINE")]
    [InlineData("quatremai")]
    [InlineData("zephyrine quat")]
    [InlineData("zq.unique")]
    public async Task List_SearchByStartOfNameOrEmail_IgnoresCaseAndAccents(string q)
    {
        var http = await app.CreateSignedInClientAsync();
        var body = ClientsApi.Body($"ZQ.Unique-{Guid.NewGuid():N}@example.org", "Zéphyrine");
        body["lastName"] = "Quatremaine";
        var (client, _) = await ClientsApi.CreateAsync(http, body);

        var page = await WebAssert.OkJsonAsync<ClientPage>(await http.GetAsync($"{Base}?q={Uri.EscapeDataString(q)}"));

        Assert.Contains(page.Items, c => c.Id == client.Id);
        Assert.All(page.Items, c => Assert.True(
            c.FirstName.StartsWith("Z", StringComparison.OrdinalIgnoreCase) || c.LastName?.StartsWith("Q", StringComparison.OrdinalIgnoreCase) == true
            || c.Email.StartsWith("zq", StringComparison.OrdinalIgnoreCase), c.ToString()));
    }

    [Fact]
    public async Task List_SearchThatMatchesNothing_IsEmpty()
    {
        var page = await WebAssert.OkJsonAsync<ClientPage>(await (await app.CreateSignedInClientAsync()).GetAsync($"{Base}?q=xqzzyv"));

        Assert.Empty(page.Items);
        Assert.Null(page.Next);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    [InlineData("after=garbage")]
    public async Task List_BadParameter_Is400(string query)
    {
        await WebAssert.ProblemAsync(await (await app.CreateSignedInClientAsync()).GetAsync($"{Base}?{query}"), HttpStatusCode.BadRequest);
    }
}
