using Dapper;
using Npgsql;
using Tally.Tests.Web;
using Tally.Web.Features.Search;
using static Tally.Tests.Search.SearchApi;

namespace Tally.Tests.Search;

/// <summary>search_results_cache: filled when paging, emptied when the studio's data changes or the rows expire.</summary>
public sealed class SearchCacheTests(SearchWebFactory app) : IClassFixture<SearchWebFactory>
{
    private async Task<long> CachedRowsAsync(Guid studio)
    {
        await using var conn = await app.Database.OpenOwnerAsync();
        return await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM search_results_cache WHERE studio_id = @studio", new { studio });
    }

    [Fact]
    public async Task Cache_SecondPage_IsServedFromCache_AndMatchesTheUncachedOrder()
    {
        var client = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);

        var first = await SearchAsync(client, "wedding", limit: 5, page: 1);
        var second = await SearchAsync(client, "wedding", limit: 5, page: 2);
        var secondAgain = await SearchAsync(client, "wedding", limit: 5, page: 2);

        Assert.True(await CachedRowsAsync(app.StudioAId) > 0);
        Assert.Equal(5, second.Results.Count);
        Assert.Empty(Ids(first).Intersect(Ids(second)));
        Assert.Equal(Ids(second), Ids(secondAgain));
    }

    [Fact]
    public async Task Cache_StudioDataChanges_InvalidatesItsRowsOnly()
    {
        var clientA = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);
        var clientB = await app.CreateSignedInClientAsync(TestSignIn.NorthLightOwner);
        await SearchAsync(clientA, "photographer", limit: 2, page: 2);
        await SearchAsync(clientB, "photographer", limit: 2, page: 2);
        Assert.True(await CachedRowsAsync(app.StudioAId) > 0);
        Assert.True(await CachedRowsAsync(app.StudioBId) > 0);

        await using var conn = await app.Database.OpenOwnerAsync();
        await SearchWebFactory.AddLeadAsync(conn, app.StudioAId, "Newcomer", null, "newcomer@example.com", null, null, "photographer wanted");

        Assert.Equal(0, await CachedRowsAsync(app.StudioAId));
        Assert.True(await CachedRowsAsync(app.StudioBId) > 0);
    }

    [Fact]
    public async Task CleanupJob_DeletesExpiredRowsOnly_OneInstanceAtATime()
    {
        var client = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);
        await SearchAsync(client, "garden", limit: 1, page: 2);
        await using var conn = await app.Database.OpenOwnerAsync();
        var total = await CachedRowsAsync(app.StudioAId);
        Assert.True(total > 1);
        var expired = await conn.ExecuteAsync("""
            UPDATE search_results_cache SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 hour'
            WHERE studio_id = @studio AND entity_id IN (SELECT entity_id FROM search_results_cache WHERE studio_id = @studio LIMIT 1)
            """, new { studio = app.StudioAId });

        await using var dataSource = NpgsqlDataSource.Create(app.Database.AppConnectionString);
        await using var other = await dataSource.OpenConnectionAsync();
        await using (var tx = await other.BeginTransactionAsync())
        {
            // Another instance holds the job's lock: this round does nothing.
            await other.ExecuteAsync("SELECT pg_advisory_xact_lock(@key)", new { key = SearchCacheCleanup.LockKey }, tx);
            Assert.Null(await SearchCacheCleanup.RunOnceAsync(dataSource, CancellationToken.None));
        }
        var deleted = await SearchCacheCleanup.RunOnceAsync(dataSource, CancellationToken.None);

        Assert.Equal(expired, deleted);
        Assert.Equal(total - expired, await CachedRowsAsync(app.StudioAId));
    }
}
