using System.Net;
using System.Net.Http.Json;
using Tally.Tests.Web;
using Tally.Web.Features.Leads;

namespace Tally.Tests.Leads;

/// <summary>Create, read, update (ETag / If-Match), archive and restore through the API.</summary>
public sealed class LeadsWriteApiTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    [Fact]
    public async Task Create_ValidLead_Returns201WithLocationETagAndFields()
    {
        var client = await app.CreateSignedInClientAsync();

        var response = await client.PostAsJsonAsync(LeadsApi.Base, LeadsApi.ValidLead("ines@example.com"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var lead = (await response.Content.ReadFromJsonAsync<LeadDetail>())!;
        Assert.Equal($"{LeadsApi.Base}/{lead.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(lead.ETag, response.Headers.ETag?.ToString());
        Assert.Equal(("Ines", "ines@example.com", "new", "inquiry", 6500.00m), (lead.FirstName, lead.Email, lead.Status, lead.WorkflowStage, lead.Budget!.Value));
        Assert.Equal(new DateOnly(2027, 6, 12), lead.EventDate);
        var (again, etag) = await LeadsApi.GetAsync(client, lead.Id);
        Assert.Equal(lead, again);
        Assert.Equal(lead.ETag, etag);
    }

    [Theory]
    [InlineData("""{"lastName":"Moreau","email":"a@example.com"}""", "firstName")]
    [InlineData("""{"firstName":"   ","email":"a@example.com"}""", "firstName")]
    [InlineData("""{"firstName":"Ines"}""", "email")]
    [InlineData("""{"firstName":"Ines","email":"not-an-email"}""", "email")]
    [InlineData("""{"firstName":"Ines","email":"a@example.com","eventType":"bar_mitzvah"}""", "eventType")]
    [InlineData("""{"firstName":"Ines","email":"a@example.com","eventDate":"1999-12-31"}""", "eventDate")]
    [InlineData("""{"firstName":"Ines","email":"a@example.com","guestCount":-1}""", "guestCount")]
    [InlineData("""{"firstName":"Ines","email":"a@example.com","budget":100}""", "currency")]
    [InlineData("""{"firstName":"Ines","email":"a@example.com","budget":-5,"currency":"EUR"}""", "budget")]
    [InlineData("""{"firstName":"Ines","email":"a@example.com","budget":5,"currency":"euro"}""", "currency")]
    [InlineData("""{"firstName":"Ines","email":"a@example.com","source":"tiktok"}""", "source")]
    [InlineData("""{"firstName":"Ines","phone":"12345678901234567890123456789012345678901"}""", "phone")]
    [InlineData("""{"firstName":"Ines","email":"a@example.com","assignedTo":"0196a3c4-0000-7000-8000-000000000000"}""", "assignedTo")]
    public async Task Create_InvalidField_Returns400WithThatFieldAndCreatesNothing(string body, string field)
    {
        var client = await app.CreateSignedInClientAsync();
        var before = await CountAsync();

        var response = await client.PostAsync(LeadsApi.Base, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await WebAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Create_AsStaff_Returns403()
    {
        var staff = await app.CreateSignedInClientAsync(TestSignIn.AuroraStaff);

        await WebAssert.ProblemAsync(await staff.PostAsJsonAsync(LeadsApi.Base, LeadsApi.ValidLead()), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Create_InOtherStudiosSlug_Returns404()
    {
        var client = await app.CreateSignedInClientAsync();

        await WebAssert.ProblemAsync(await client.PostAsJsonAsync("/api/v1/studios/north-light/leads", LeadsApi.ValidLead()), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_MissingOrOtherStudiosLead_Returns404WithoutItsData()
    {
        var client = await app.CreateSignedInClientAsync();
        var (foreignId, foreignEmail) = await LeadsApi.ScalarAsync<Guid>(app,
            "SELECT l.id FROM leads l JOIN studios s ON s.id = l.studio_id WHERE s.slug = 'north-light' AND l.email IS NOT NULL LIMIT 1") is var id
            ? (id, await LeadsApi.ScalarAsync<string>(app, "SELECT email::text FROM leads WHERE id = @id", new { id }))
            : default;

        foreach (var url in new[]
                 {
                     $"{LeadsApi.Base}/{Guid.CreateVersion7()}",
                     $"{LeadsApi.Base}/{foreignId}",
                     $"/api/v1/studios/north-light/leads/{foreignId}",
                     $"{LeadsApi.Base}/{foreignId}/interactions",
                 })
        {
            var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain(foreignEmail, body, StringComparison.OrdinalIgnoreCase);
        }
        foreach (var request in new[]
                 {
                     LeadsApi.Write(HttpMethod.Put, foreignId, LeadsApi.ValidLead(), "\"1\""),
                     LeadsApi.Write(HttpMethod.Patch, foreignId, new { firstName = "X" }, "\"1\""),
                     new HttpRequestMessage(HttpMethod.Delete, $"{LeadsApi.Base}/{foreignId}"),
                     new HttpRequestMessage(HttpMethod.Post, $"{LeadsApi.Base}/{foreignId}/restore"),
                     new HttpRequestMessage(HttpMethod.Post, $"{LeadsApi.Base}/{foreignId}/convert") { Content = JsonContent.Create(new { }) },
                     new HttpRequestMessage(HttpMethod.Post, $"{LeadsApi.Base}/{foreignId}/interactions") { Content = JsonContent.Create(new { kind = "note", summary = "x" }) },
                 })
        {
            var response = await client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{request.Method} {request.RequestUri}: {(int)response.StatusCode}");
        }
        Assert.Equal(0L, await LeadsApi.ScalarAsync<long>(app, "SELECT count(*) FROM leads WHERE id = @foreignId AND (first_name = 'X' OR archived_at IS NOT NULL)", new { foreignId }));
    }

    [Fact]
    public async Task Put_WithCurrentETag_UpdatesAndReturnsNewETag()
    {
        var client = await app.CreateSignedInClientAsync();
        var (lead, etag) = await LeadsApi.CreateAsync(client, LeadsApi.ValidLead());

        var response = await client.SendAsync(LeadsApi.Write(HttpMethod.Put, lead.Id, new { firstName = "Inès", email = lead.Email, source = "referral" }, etag));

        var updated = await WebAssert.OkJsonAsync<LeadDetail>(response);
        Assert.Equal(("Inès", "referral", (string?)null, (decimal?)null), (updated.FirstName, updated.Source, updated.Venue, updated.Budget));
        Assert.NotEqual(etag, response.Headers.ETag?.ToString());
        Assert.Equal(updated.ETag, response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Put_WithoutIfMatch_Returns428AndChangesNothing()
    {
        var client = await app.CreateSignedInClientAsync();
        var (lead, _) = await LeadsApi.CreateAsync(client, LeadsApi.ValidLead());

        await WebAssert.ProblemAsync(await client.SendAsync(LeadsApi.Write(HttpMethod.Put, lead.Id, new { firstName = "Other", email = lead.Email }, null)), (HttpStatusCode)428);
        await WebAssert.ProblemAsync(await client.SendAsync(LeadsApi.Write(HttpMethod.Patch, lead.Id, new { firstName = "Other" }, null)), (HttpStatusCode)428);

        Assert.Equal("Ines", (await LeadsApi.GetAsync(client, lead.Id)).Lead.FirstName);
    }

    [Fact]
    public async Task Put_WithStaleETag_Returns412AndKeepsTheOtherChange()
    {
        var client = await app.CreateSignedInClientAsync();
        var (lead, etag) = await LeadsApi.CreateAsync(client, LeadsApi.ValidLead());
        // Someone else saves first.
        await WebAssert.OkJsonAsync<LeadDetail>(await client.SendAsync(LeadsApi.Write(HttpMethod.Patch, lead.Id, new { venue = "Their venue" }, etag)));

        var put = await client.SendAsync(LeadsApi.Write(HttpMethod.Put, lead.Id, new { firstName = "Mine", email = lead.Email }, etag));
        var patch = await client.SendAsync(LeadsApi.Write(HttpMethod.Patch, lead.Id, new { venue = "My venue" }, etag));
        var malformed = await client.SendAsync(LeadsApi.Write(HttpMethod.Patch, lead.Id, new { venue = "My venue" }, "not-an-etag"));

        await WebAssert.ProblemAsync(put, HttpStatusCode.PreconditionFailed);
        await WebAssert.ProblemAsync(patch, HttpStatusCode.PreconditionFailed);
        await WebAssert.ProblemAsync(malformed, HttpStatusCode.PreconditionFailed);
        var now = (await LeadsApi.GetAsync(client, lead.Id)).Lead;
        Assert.Equal(("Ines", "Their venue"), (now.FirstName, now.Venue));
    }

    [Fact]
    public async Task Patch_SomeFields_ChangesOnlyThose()
    {
        var client = await app.CreateSignedInClientAsync();
        var (lead, etag) = await LeadsApi.CreateAsync(client, LeadsApi.ValidLead());
        var member = await LeadsApi.ScalarAsync<Guid>(app, "SELECT u.id FROM admin_users u JOIN studios s ON s.id = u.studio_id WHERE s.slug = 'aurora-studio' AND u.role = 'staff' AND u.is_active LIMIT 1");

        var response = await client.SendAsync(LeadsApi.Write(HttpMethod.Patch, lead.Id, new { venue = (string?)null, guestCount = 80, assignedTo = member }, etag, "application/merge-patch+json"));

        var patched = await WebAssert.OkJsonAsync<LeadDetail>(response);
        Assert.Equal((lead.FirstName, lead.Email, lead.Budget, (string?)null, (int?)80, (Guid?)member), (patched.FirstName, patched.Email, patched.Budget, patched.Venue, patched.GuestCount, patched.AssignedTo));
        Assert.NotNull(patched.AssignedToName);
    }

    [Theory]
    [InlineData("""{"nickname":"Nes"}""", "nickname")]
    [InlineData("""{"guestCount":"many"}""", "guestCount")]
    [InlineData("""{"email":null,"phone":null}""", "email")]
    [InlineData("""{"firstName":null}""", "firstName")]
    public async Task Patch_InvalidField_Returns400WithThatField(string body, string field)
    {
        var client = await app.CreateSignedInClientAsync();
        var (lead, etag) = await LeadsApi.CreateAsync(client, LeadsApi.ValidLead());
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"{LeadsApi.Base}/{lead.Id}") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("If-Match", etag);

        var problem = await WebAssert.ProblemAsync(await client.SendAsync(request), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(lead, (await LeadsApi.GetAsync(client, lead.Id)).Lead);
    }

    [Fact]
    public async Task Delete_ThenRestore_ArchivesAndBringsBack()
    {
        var client = await app.CreateSignedInClientAsync();
        var (lead, etag) = await LeadsApi.CreateAsync(client, LeadsApi.ValidLead());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{LeadsApi.Base}/{lead.Id}")).StatusCode);
        Assert.NotNull((await LeadsApi.GetAsync(client, lead.Id)).Lead.ArchivedAt);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"{LeadsApi.Base}/{lead.Id}/restore", null)).StatusCode);
        Assert.Null((await LeadsApi.GetAsync(client, lead.Id)).Lead.ArchivedAt);

        using var stale = new HttpRequestMessage(HttpMethod.Delete, $"{LeadsApi.Base}/{lead.Id}");
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        await WebAssert.ProblemAsync(await client.SendAsync(stale), HttpStatusCode.PreconditionFailed);
        Assert.Null((await LeadsApi.GetAsync(client, lead.Id)).Lead.ArchivedAt);
    }

    [Fact]
    public async Task Interactions_AddThenList_NewestFirst()
    {
        var client = await app.CreateSignedInClientAsync();
        var (lead, _) = await LeadsApi.CreateAsync(client, LeadsApi.ValidLead());

        var first = await client.PostAsJsonAsync($"{LeadsApi.Base}/{lead.Id}/interactions", new { kind = "call", direction = "outbound", summary = "Left a voicemail", occurredAt = DateTimeOffset.UtcNow.AddHours(-2) });
        var second = await client.PostAsJsonAsync($"{LeadsApi.Base}/{lead.Id}/interactions", new { kind = "meeting", summary = "Venue walk-through", body = "Met at the château." });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var list = await WebAssert.OkJsonAsync<List<LeadInteraction>>(await client.GetAsync($"{LeadsApi.Base}/{lead.Id}/interactions"));
        Assert.Equal(["meeting", "call"], list.Select(i => i.Kind));
        Assert.Equal("outbound", list[1].Direction);
        Assert.NotNull(list[0].CreatedByName);
    }

    [Theory]
    [InlineData("""{"summary":"x"}""", "kind")]
    [InlineData("""{"kind":"inquiry","summary":"x"}""", "kind")]
    [InlineData("""{"kind":"fax","summary":"x"}""", "kind")]
    [InlineData("""{"kind":"note"}""", "summary")]
    [InlineData("""{"kind":"note","summary":"  "}""", "summary")]
    [InlineData("""{"kind":"call","summary":"x","direction":"sideways"}""", "direction")]
    [InlineData("""{"kind":"note","summary":"x","occurredAt":"2999-01-01T00:00:00Z"}""", "occurredAt")]
    public async Task Interactions_Invalid_Returns400WithThatField(string body, string field)
    {
        var client = await app.CreateSignedInClientAsync();
        var (lead, _) = await LeadsApi.CreateAsync(client, LeadsApi.ValidLead());

        var response = await client.PostAsync($"{LeadsApi.Base}/{lead.Id}/interactions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await WebAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Empty(await WebAssert.OkJsonAsync<List<LeadInteraction>>(await client.GetAsync($"{LeadsApi.Base}/{lead.Id}/interactions")));
    }

    private Task<long> CountAsync() => LeadsApi.ScalarAsync<long>(app, "SELECT count(*) FROM leads");
}

/// <summary>What staff may do through the API: edit the leads assigned to them, not reassign them.</summary>
public sealed class LeadsStaffApiTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    [Fact]
    public async Task Staff_PatchOwnLead_SavesButReassigning_Is403()
    {
        var owner = await app.CreateSignedInClientAsync();
        var staffId = await LeadsApi.ScalarAsync<Guid>(app, "SELECT id FROM admin_users WHERE email = @email", new { email = TestSignIn.AuroraStaff });
        var ownerId = await LeadsApi.ScalarAsync<Guid>(app, "SELECT id FROM admin_users WHERE email = @email", new { email = TestSignIn.AuroraOwner });
        var (lead, _) = await LeadsApi.CreateAsync(owner, new { firstName = "Assigned", email = "assigned@example.com", assignedTo = staffId });
        var staff = await app.CreateSignedInClientAsync(TestSignIn.AuroraStaff);
        var (_, etag) = await LeadsApi.GetAsync(staff, lead.Id);

        var saved = await staff.SendAsync(LeadsApi.Write(HttpMethod.Patch, lead.Id, new { venue = "Staff venue" }, etag));
        var reassigned = await staff.SendAsync(LeadsApi.Write(HttpMethod.Patch, lead.Id, new { assignedTo = ownerId }, saved.Headers.ETag?.ToString()));

        Assert.Equal("Staff venue", (await WebAssert.OkJsonAsync<LeadDetail>(saved)).Venue);
        await WebAssert.ProblemAsync(reassigned, HttpStatusCode.Forbidden);
        Assert.Equal(staffId, (await LeadsApi.GetAsync(owner, lead.Id)).Lead.AssignedTo);
    }

    [Fact]
    public async Task Staff_LeadNotAssignedToThem_Is404()
    {
        var owner = await app.CreateSignedInClientAsync();
        var (lead, etag) = await LeadsApi.CreateAsync(owner, LeadsApi.ValidLead());
        var staff = await app.CreateSignedInClientAsync(TestSignIn.AuroraStaff);

        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"{LeadsApi.Base}/{lead.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.SendAsync(LeadsApi.Write(HttpMethod.Patch, lead.Id, new { venue = "x" }, etag))).StatusCode);
        Assert.DoesNotContain(lead.Id, await LeadsApi.AllPagesAsync(staff, "", 200));
    }
}
