using Dapper;
using Tally.Data.Import;
using Tally.Tests.Web;

namespace Tally.Tests.Import;

/// <summary>Imports against the database: all rows or none, clashes with the studio's data, values stored as typed.</summary>
public sealed class ImportWriteTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    private async Task<ImportResult> ImportAsync(ImportKind kind, bool dryRun, params string[] lines)
    {
        await using var owner = await app.Database.OpenOwnerAsync();
        await using var tx = await owner.BeginTransactionAsync();
        var studio = await ImportFiles.StudioIdAsync(owner);
        var result = await ImportRun.ExecuteAsync(owner, studio, "USD", kind, ImportFiles.Stream(lines), dryRun, null, CancellationToken.None);
        if (result.Written > 0)
        {
            await tx.CommitAsync();
        }
        return result;
    }

    [Fact]
    public async Task Import_ValidLeads_WritesEveryRowIntoTheStudio()
    {
        var tag = ImportFiles.Tag();
        var rows = Enumerable.Range(1, 5003).Select(n => ImportFiles.Lead(tag, n));

        var result = await ImportAsync(ImportKind.Leads, false, [ImportFiles.LeadsHeader, .. rows]);

        Assert.Equal(5003, result.Written);
        await using var owner = await app.Database.OpenOwnerAsync();
        Assert.Equal(5003, await ImportFiles.CountAsync(owner, "leads", tag));
        var lead = await owner.QuerySingleAsync<(string Slug, string Venue, int Guests, string Message, string Stage)>("""
            SELECT s.slug, l.venue, l.guest_count, l.message, l.workflow_stage FROM leads l JOIN studios s ON s.id = l.studio_id
            WHERE l.email = @email::citext
            """, new { email = $"lead7-{tag}@example.com" });
        Assert.Equal(("aurora-studio", "Lake House", 120, "Hello, \"studio\"", "inquiry"), lead);
    }

    [Fact]
    public async Task Import_OneBadRowAmongMany_WritesNothing()
    {
        var tag = ImportFiles.Tag();
        var rows = Enumerable.Range(1, 200).Select(n => n == 150 ? ImportFiles.Lead(tag, n).Replace("wedding", "bar mitzvah", StringComparison.Ordinal) : ImportFiles.Lead(tag, n));

        var result = await ImportAsync(ImportKind.Leads, false, [ImportFiles.LeadsHeader, .. rows]);

        Assert.Equal(0, result.Written);
        Assert.Equal(151, Assert.Single(result.Batch.Problems).Line);
        await using var owner = await app.Database.OpenOwnerAsync();
        Assert.Equal(0, await ImportFiles.CountAsync(owner, "leads", tag));
    }

    [Fact]
    public async Task DryRun_ValidFile_WritesNothing()
    {
        var tag = ImportFiles.Tag();

        var result = await ImportAsync(ImportKind.Clients, true, ImportFiles.ClientsHeader, ImportFiles.Client(tag, 1), ImportFiles.Client(tag, 2));

        Assert.True(result.Batch.IsValid);
        Assert.Equal(0, result.Written);
        await using var owner = await app.Database.OpenOwnerAsync();
        Assert.Equal(0, await ImportFiles.CountAsync(owner, "clients", tag));
    }

    [Fact]
    public async Task Import_ClientEmailAlreadyInStudioInAnotherCase_ProblemOnItsLineAndNothingWritten()
    {
        var tag = ImportFiles.Tag();
        Assert.Equal(1, (await ImportAsync(ImportKind.Clients, false, ImportFiles.ClientsHeader, ImportFiles.Client(tag, 1))).Written);

        var result = await ImportAsync(ImportKind.Clients, false, ImportFiles.ClientsHeader,
            ImportFiles.Client(tag, 2), ImportFiles.Client(tag, 3, email: $"CLIENT1-{tag}@EXAMPLE.COM"));

        var problem = Assert.Single(result.Batch.Problems);
        Assert.Equal((3, "email"), (problem.Line, problem.Column));
        Assert.Contains("already a client of this studio", problem.Message, StringComparison.Ordinal);
        await using var owner = await app.Database.OpenOwnerAsync();
        Assert.Equal(1, await ImportFiles.CountAsync(owner, "clients", tag));
    }

    [Fact]
    public async Task Import_SameClientEmailInAnotherStudio_IsNoClash()
    {
        var tag = ImportFiles.Tag();
        await using var owner = await app.Database.OpenOwnerAsync();
        var north = await ImportFiles.StudioIdAsync(owner, "north-light");
        await owner.ExecuteAsync("INSERT INTO clients (studio_id, id, first_name, email) VALUES (@north, @id, 'Other', @email)",
            new { north, id = Guid.CreateVersion7(), email = $"client1-{tag}@example.com" });

        var result = await ImportAsync(ImportKind.Clients, false, ImportFiles.ClientsHeader, ImportFiles.Client(tag, 1));

        Assert.Equal(1, result.Written);
    }

    [Fact]
    public async Task Import_FormulaLookingCells_StoredAsText()
    {
        var tag = ImportFiles.Tag();

        await ImportAsync(ImportKind.Clients, false, ImportFiles.ClientsHeader, $"=cmd|' /C calc'!A0,+1+1,,f-{tag}@example.com,,,,,,,,@SUM(A1)");

        await using var owner = await app.Database.OpenOwnerAsync();
        var row = await owner.QuerySingleAsync<(string, string, string)>("SELECT first_name, last_name, notes FROM clients WHERE email = @email::citext",
            new { email = $"f-{tag}@example.com" });
        Assert.Equal(("=cmd|' /C calc'!A0", "+1+1", "@SUM(A1)"), row);
    }
}
