using Dapper;
using Tally.Tests.Web;
using static Tally.Tests.Search.SearchApi;

namespace Tally.Tests.Search;

/// <summary>A search shows only the caller's studio, only what row-level security lets them see, and is current at once.</summary>
public sealed class SearchIsolationTests(SearchWebFactory app) : IClassFixture<SearchWebFactory>
{
    [Fact]
    public async Task Search_SameWordsInAnotherStudio_NeverAppear()
    {
        var asA = await SearchAsync(await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner), "quenneville", limit: 50);
        var asB = await SearchAsync(await app.CreateSignedInClientAsync(TestSignIn.NorthLightOwner), "quenneville", limit: 50);

        Assert.Contains(app.LeadsA["zoe"], Ids(asA));
        Assert.Empty(Ids(asA).Intersect(app.LeadsB.Values));
        Assert.Contains(app.LeadsB["zoe"], Ids(asB));
        Assert.Empty(Ids(asB).Intersect(app.LeadsA.Values.Append(app.ClientZoeA)));
    }

    [Fact]
    public async Task Search_TypoFallback_StaysInTheStudio()
    {
        var asB = await SearchAsync(await app.CreateSignedInClientAsync(TestSignIn.NorthLightOwner), "quenevile", limit: 50);

        Assert.Empty(Ids(asB).Intersect(app.LeadsA.Values.Append(app.ClientZoeA)));
    }

    [Fact]
    public async Task Search_Staff_SeesOnlyLeadsAssignedToThem()
    {
        await using var conn = await app.Database.OpenOwnerAsync();
        var staffId = await conn.ExecuteScalarAsync<Guid>(
            "SELECT id FROM admin_users WHERE studio_id = @s AND email = @e", new { s = app.StudioAId, e = TestSignIn.AuroraStaff });
        var mine = await SearchWebFactory.AddLeadAsync(conn, app.StudioAId, "Ottoline", "Vexcombe", "ottoline@example.com", null, null, null);
        var theirs = await SearchWebFactory.AddLeadAsync(conn, app.StudioAId, "Ottavia", "Vexcombe", "ottavia@example.com", null, null, null);
        await conn.ExecuteAsync("UPDATE leads SET assigned_to = @staffId WHERE studio_id = @s AND id = @mine", new { staffId, s = app.StudioAId, mine });

        var asStaff = await SearchAsync(await app.CreateSignedInClientAsync(TestSignIn.AuroraStaff), "vexcombe", types: "leads");
        var asOwner = await SearchAsync(await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner), "vexcombe", types: "leads");

        Assert.Equal([mine], Ids(asStaff));
        Assert.Equal(2, Ids(asOwner).Intersect([mine, theirs]).Count());
    }

    [Fact]
    public async Task Search_Bookkeeper_FindsNoLeads()
    {
        var result = await SearchAsync(await app.CreateSignedInClientAsync(TestSignIn.AuroraBookkeeper), "quenneville");

        Assert.DoesNotContain(result.Results, r => r.Type == "lead");
        Assert.Contains(app.ClientZoeA, Ids(result));
    }

    [Fact]
    public async Task Search_WithoutSignIn_IsRefused()
    {
        using var response = await app.CreateClient().GetAsync("/api/v1/search?q=zoe");

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Search_LeadCreatedThenRenamed_FoundByItsNewNameAtOnce()
    {
        var client = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);
        await using var conn = await app.Database.OpenOwnerAsync();
        var id = await SearchWebFactory.AddLeadAsync(conn, app.StudioAId, "Quillon", "Farthingale", null, "020 7946 0000", null, null);

        Assert.Contains(id, Ids(await SearchAsync(client, "farthingale")));

        await conn.ExecuteAsync("UPDATE leads SET last_name = 'Wraxall' WHERE studio_id = @s AND id = @id", new { s = app.StudioAId, id });

        Assert.Contains(id, Ids(await SearchAsync(client, "wraxall")));
        Assert.DoesNotContain(id, Ids(await SearchAsync(client, "farthingale")));
    }
}
