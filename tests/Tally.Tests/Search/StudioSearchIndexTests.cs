using Dapper;
using Tally.Data.Search;
using static Tally.Tests.Search.NumberedLeads;

namespace Tally.Tests.Search;

/// <summary>
/// A large studio's own search index (0026, StudioSearchIndexes): built for a studio past the size
/// and only for it, used by search once valid (same rows, same visibility), dropped again when the
/// studio shrinks below half the size, and built again after an interrupted build. Studio A holds
/// the 600 numbered leads and a few more; the size here is 500 rows, which nothing else reaches.
/// Each test brings the indexes to the state it starts from, so their order does not matter.
/// </summary>
public sealed class StudioSearchIndexTests(SearchWebFactory app) : IClassFixture<SearchWebFactory>, IAsyncLifetime
{
    private const int MinRows = 500;

    private Guid _member;

    public async Task InitializeAsync() => _member = await SeedOnceAsync(app);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Sync_BuildsAnIndexForTheStudioPastTheSize_OnlyForItAndOnlyOnce()
    {
        await SyncAsync(MinRows * 100); // none to begin with

        var steps = await SyncAsync(MinRows);

        var step = Assert.Single(steps);
        Assert.StartsWith("CREATE INDEX CONCURRENTLY", step.Statement, StringComparison.Ordinal);
        Assert.Equal(OwnIndexName(app), step.Index);
        Assert.Equal([OwnIndexName(app)], await OwnIndexesAsync(validOnly: true));
        Assert.Empty(await SyncAsync(MinRows));
    }

    [Fact]
    public async Task Search_ReadsTheStudiosOwnIndex_AndFindsWhatTheSharedIndexFinds()
    {
        await SyncAsync(MinRows * 100);
        var shared = await CandidatesAsync(app, "probeold", Owner());
        var sharedStaff = await CandidatesAsync(app, "probeshort", Claims(app, "staff", _member));
        await SyncAsync(MinRows);

        var own = await CandidatesAsync(app, "probeold", Owner());
        var ownStaff = await CandidatesAsync(app, "probeshort", Claims(app, "staff", _member));

        Assert.Equal(0, shared.OwnIndexScans);
        Assert.Equal([1, 2, 3], shared.Numbers.Order());
        Assert.True(own.OwnIndexScans > 0, "the rare word was looked up in the studio's own index");
        Assert.Equal(shared.Numbers.Order(), own.Numbers.Order());
        // The probe saw the staff member's three leads (fewer than 200 visible): no index at all.
        Assert.Empty(sharedStaff.Numbers);
        Assert.Empty(ownStaff.Numbers);
    }

    [Fact]
    public async Task TheStudiosOwnIndex_AppliesTheFilters_AndHoldsANewLeadAtOnce()
    {
        await SyncAsync(MinRows);
        var fresh = "Fresh" + Guid.NewGuid().ToString("N")[..8];
        await using (var conn = await app.Database.OpenOwnerAsync())
        {
            // An id older than every other (1970): never among the probe's newest rows.
            await conn.ExecuteAsync(
                "INSERT INTO leads (studio_id, id, first_name, last_name, email, source) VALUES (@studio, @id, @fresh, 'Lead', 'fresh@example.com', 'referral')",
                new { studio = app.StudioAId, id = Guid.CreateVersion7(DateTimeOffset.UnixEpoch), fresh });
        }

        var fromGoogle = await CandidatesAsync(app, "probeold", Owner(), sources: ["google"]);
        var fromReferrals = await CandidatesAsync(app, "probeold", Owner(), sources: ["referral"]);
        var theNewLead = await CandidatesAsync(app, fresh.ToLowerInvariant(), Owner());

        Assert.True(fromGoogle.OwnIndexScans > 0 && fromReferrals.OwnIndexScans > 0, "both were looked up in the studio's own index");
        Assert.Empty(fromGoogle.Numbers);
        Assert.Equal([1, 2, 3], fromReferrals.Numbers.Order());
        // Not one of the 600 (0): the index had it the moment it was written.
        Assert.True(theNewLead.OwnIndexScans > 0);
        Assert.Equal([0], theNewLead.Numbers);
    }

    [Fact]
    public async Task AStudioBelowHalfTheSize_LosesItsIndex_OneBetweenKeepsIt()
    {
        await SyncAsync(MinRows);
        var leads = await LeadsOfStudioAAsync();

        // Between half the size and the size: kept, not built.
        Assert.Empty(await SyncAsync(leads + 1));
        Assert.Single(await OwnIndexesAsync(validOnly: true));

        var step = Assert.Single(await SyncAsync((leads * 2) + 2));
        Assert.StartsWith("DROP INDEX CONCURRENTLY", step.Statement, StringComparison.Ordinal);
        Assert.Empty(await OwnIndexesAsync(validOnly: false));
        Assert.Empty(await SyncAsync(leads + 1));
        Assert.Empty(await OwnIndexesAsync(validOnly: false));
    }

    [Fact]
    public async Task AnInterruptedBuild_IsNotUsed_AndIsBuiltAgain()
    {
        await SyncAsync(MinRows * 100);
        // A unique index over 600 equal first names fails half-way and leaves an invalid index
        // under the studio index's name, as a cancelled CREATE INDEX CONCURRENTLY does.
        await using (var conn = await app.Database.OpenOwnerAsync())
        {
            await Assert.ThrowsAsync<Npgsql.PostgresException>(() => conn.ExecuteAsync(
                $"CREATE UNIQUE INDEX CONCURRENTLY {OwnIndexName(app)} ON leads (first_name) WHERE studio_id = '{app.StudioAId}'::uuid"));
        }
        Assert.Equal([OwnIndexName(app)], await OwnIndexesAsync(validOnly: false));
        var whileInvalid = await CandidatesAsync(app, "probeold", Owner());

        var steps = await SyncAsync(MinRows);

        Assert.Equal(0, whileInvalid.OwnIndexScans);
        Assert.Equal([1, 2, 3], whileInvalid.Numbers.Order());
        Assert.Collection(steps,
            drop => Assert.StartsWith("DROP INDEX CONCURRENTLY", drop.Statement, StringComparison.Ordinal),
            build => Assert.StartsWith("CREATE INDEX CONCURRENTLY", build.Statement, StringComparison.Ordinal));
        Assert.Equal([OwnIndexName(app)], await OwnIndexesAsync(validOnly: true));
        Assert.True((await CandidatesAsync(app, "probeold", Owner())).OwnIndexScans > 0);
    }

    [Fact]
    public async Task WhileAnotherSyncRuns_ASecondBuildsNothing_AndSaysSo()
    {
        await SyncAsync(MinRows * 100);
        await using var other = await app.Database.OpenOwnerAsync();
        await other.ExecuteAsync("SELECT pg_advisory_lock(hashtext('tally.search_studio_indexes'))");

        var second = await StudioSearchIndexes.SyncAsync(app.Database.OwnerConnectionString, MinRows, starting: null, CancellationToken.None);
        await other.ExecuteAsync("SELECT pg_advisory_unlock(hashtext('tally.search_studio_indexes'))");
        var after = await SyncAsync(MinRows);

        Assert.True(second.AnotherWasRunning);
        Assert.Empty(second.Steps);
        Assert.Single(after);
    }

    [Fact]
    public async Task TheCommand_SaysWhatItBuilds_AndWithoutTheOwnerRoleSaysWhatToSet()
    {
        await SyncAsync(MinRows * 100);
        var owner = new Dictionary<string, string>
        {
            ["ConnectionStrings__Tally"] = app.Database.AppConnectionString,
            ["ConnectionStrings__TallyOwner"] = app.Database.OwnerConnectionString,
        };

        var (built, _, said) = await Cli.CliProcess.RunAsync(owner, "search-indexes", "--min-rows", MinRows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var (refused, _, why) = await Cli.CliProcess.RunAsync(
            new Dictionary<string, string> { ["ConnectionStrings__Tally"] = app.Database.AppConnectionString }, "search-indexes");

        Assert.Equal(0, built);
        Assert.Contains($"building {OwnIndexName(app)} ({await LeadsOfStudioAAsync()} rows of leads)", said, StringComparison.Ordinal);
        Assert.Equal([OwnIndexName(app)], await OwnIndexesAsync(validOnly: true));
        Assert.Equal(1, refused);
        Assert.Equal("tally: the search indexes are built by the owner role: set ConnectionStrings__TallyOwner.", why.Trim());
    }

    private string Owner() => Claims(app, "owner", _member);

    private async Task<IReadOnlyList<StudioSearchIndexes.Step>> SyncAsync(int minRows)
    {
        var outcome = await StudioSearchIndexes.SyncAsync(app.Database.OwnerConnectionString, minRows, starting: null, CancellationToken.None);
        Assert.False(outcome.AnotherWasRunning);
        return outcome.Steps;
    }

    private async Task<int> LeadsOfStudioAAsync()
    {
        await using var conn = await app.Database.OpenOwnerAsync();
        return await conn.ExecuteScalarAsync<int>("SELECT count(*) FROM leads WHERE studio_id = @studio", new { studio = app.StudioAId });
    }

    /// <summary>Every studio's own search index of any table, by name.</summary>
    private async Task<List<string>> OwnIndexesAsync(bool validOnly)
    {
        await using var conn = await app.Database.OpenOwnerAsync();
        var names = await conn.QueryAsync<string>("""
            SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
            WHERE c.relname ~ '_search_[0-9a-f]{32}_idx$' AND (i.indisvalid OR NOT @validOnly) ORDER BY 1
            """, new { validOnly });
        return names.AsList();
    }
}
