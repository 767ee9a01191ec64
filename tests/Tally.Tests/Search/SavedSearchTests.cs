using System.Net;
using System.Net.Http.Json;
using Tally.Tests.Web;
using Tally.Web.Features.Search;

namespace Tally.Tests.Search;

public sealed class SavedSearchTests(SearchWebFactory app) : IClassFixture<SearchWebFactory>
{
    private static async Task<SavedSearch> CreateAsync(HttpClient client, string name, string entityType, string q, bool isDefault = false)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/saved-searches",
            new CreateSavedSearch(name, entityType, new SavedSearchCriteria(q, entityType == "all" ? null : [entityType]), isDefault));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SavedSearch>())!;
    }

    [Fact]
    public async Task SavedSearch_CreateListRenameApplyDelete()
    {
        var client = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);

        var saved = await CreateAsync(client, "Quenneville leads", "leads", "quenneville");
        var listed = await WebAssert.OkJsonAsync<List<SavedSearch>>(await client.GetAsync("/api/v1/saved-searches"));
        Assert.Contains(listed, s => s.Id == saved.Id && s.Criteria.Q == "quenneville");

        using var rename = await client.PatchAsJsonAsync($"/api/v1/saved-searches/{saved.Id}", new UpdateSavedSearch("Q family", null));
        var renamed = await WebAssert.OkJsonAsync<SavedSearch>(rename);
        Assert.Equal("Q family", renamed.Name);

        var results = await WebAssert.OkJsonAsync<SearchResponse>(await client.GetAsync($"/api/v1/saved-searches/{saved.Id}/results"));
        Assert.Contains(app.LeadsA["zoe"], results.Results.Select(r => r.Id));
        Assert.All(results.Results, r => Assert.Equal("lead", r.Type));

        using var delete = await client.DeleteAsync($"/api/v1/saved-searches/{saved.Id}");
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var gone = await client.GetAsync($"/api/v1/saved-searches/{saved.Id}/results");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task SavedSearch_OneDefaultPerEntityType()
    {
        var client = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);

        var first = await CreateAsync(client, "Default clients A", "clients", "zoe", isDefault: true);
        var second = await CreateAsync(client, "Default clients B", "clients", "morning", isDefault: true);
        var leads = await CreateAsync(client, "Default leads", "leads", "wedding", isDefault: true);

        var listed = await WebAssert.OkJsonAsync<List<SavedSearch>>(await client.GetAsync("/api/v1/saved-searches"));
        Assert.False(listed.Single(s => s.Id == first.Id).IsDefault);
        Assert.True(listed.Single(s => s.Id == second.Id).IsDefault);
        Assert.True(listed.Single(s => s.Id == leads.Id).IsDefault);

        using var back = await client.PatchAsJsonAsync($"/api/v1/saved-searches/{first.Id}", new UpdateSavedSearch(null, true));
        Assert.True((await WebAssert.OkJsonAsync<SavedSearch>(back)).IsDefault);
        listed = await WebAssert.OkJsonAsync<List<SavedSearch>>(await client.GetAsync("/api/v1/saved-searches"));
        Assert.Single(listed, s => s.EntityType == "clients" && s.IsDefault);
    }

    [Fact]
    public async Task SavedSearch_OfAnotherMember_IsInvisible()
    {
        var owner = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);
        var staff = await app.CreateSignedInClientAsync(TestSignIn.AuroraStaff);
        var saved = await CreateAsync(owner, "Owner's only", "all", "zoe");

        var staffList = await WebAssert.OkJsonAsync<List<SavedSearch>>(await staff.GetAsync("/api/v1/saved-searches"));
        using var staffDelete = await staff.DeleteAsync($"/api/v1/saved-searches/{saved.Id}");

        Assert.DoesNotContain(staffList, s => s.Id == saved.Id);
        Assert.Equal(HttpStatusCode.NotFound, staffDelete.StatusCode);
    }

    [Theory]
    [InlineData("{\"name\":\"\",\"entityType\":\"leads\",\"criteria\":{\"q\":\"x\"}}", "name")]
    [InlineData("{\"name\":\"n\",\"entityType\":\"invoices\",\"criteria\":{\"q\":\"x\"}}", "entityType")]
    [InlineData("{\"name\":\"n\",\"entityType\":\"leads\"}", "criteria")]
    [InlineData("{\"name\":\"n\",\"entityType\":\"leads\",\"criteria\":{\"q\":\"x\",\"types\":[\"nope\"]}}", "criteria.types")]
    public async Task SavedSearch_BadBody_IsA400NamingTheField(string json, string field)
    {
        var client = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);

        using var response = await client.PostAsync("/api/v1/saved-searches", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var problem = await WebAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
    }
}
