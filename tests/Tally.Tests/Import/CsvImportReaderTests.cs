using Tally.Data.Import;

namespace Tally.Tests.Import;

/// <summary>Reading and checking a file, without the database: every problem of every row, by line.</summary>
public sealed class CsvImportReaderTests
{
    private static Task<ImportBatch> ReadAsync(ImportKind kind, params string[] lines) =>
        CsvImportReader.ReadAsync(ImportFiles.Stream(lines), kind, "USD", null, CancellationToken.None);

    [Fact]
    public async Task Read_ValidLeadsFile_EveryRowWithItsValues()
    {
        var tag = ImportFiles.Tag();

        var batch = await ReadAsync(ImportKind.Leads, ImportFiles.LeadsHeader, ImportFiles.Lead(tag, 1), ImportFiles.Lead(tag, 2));

        Assert.True(batch.IsValid, string.Join("; ", batch.Problems));
        Assert.Equal(2, batch.Leads.Count);
        var first = batch.Leads[0];
        Assert.Equal((2, "Ada", "Lovelace1", $"lead1-{tag}@example.com"), (first.Line, first.FirstName, first.LastName, first.Email));
        Assert.Equal((new DateOnly(2027, 6, 12), 120, 4500.00m, "USD"), (first.EventDate, first.GuestCount, first.Budget, first.Currency));
        Assert.Equal(("instagram", "new", "Hello, \"studio\""), (first.Source, first.Status, first.Message));
    }

    [Fact]
    public async Task Read_ProblemsOnSeveralRows_ListsEveryOneByLineAndColumn()
    {
        var tag = ImportFiles.Tag();

        var batch = await ReadAsync(ImportKind.Leads,
            ImportFiles.LeadsHeader,
            ImportFiles.Lead(tag, 1),
            ImportFiles.Lead(tag, 2).Replace($"lead2-{tag}@example.com", "not-an-email", StringComparison.Ordinal),
            ImportFiles.Lead(tag, 3, firstName: ""),
            ImportFiles.Lead(tag, 4).Replace("instagram", "carrier-pigeon", StringComparison.Ordinal),
            ImportFiles.Lead(tag, 5).Replace("2027-06-12", "12/06/2027", StringComparison.Ordinal),
            ImportFiles.Lead(tag, 6, email: $"LEAD1-{tag}@example.com"),
            ImportFiles.Lead(tag, 7).Replace(",120,", ",many,", StringComparison.Ordinal).Replace("wedding", "party", StringComparison.Ordinal));

        Assert.False(batch.IsValid);
        Assert.Equal(7, batch.RowCount);
        var problems = batch.Problems.Select(p => (p.Line, p.Column)).ToList();
        Assert.Equal([(3, "email"), (4, "first_name"), (5, "source"), (6, "event_date"), (7, "email"), (8, "event_type"), (8, "guest_count")],
            problems.OrderBy(p => p.Line).ThenBy(p => p.Column).ToList());
        Assert.Contains("not an email address", batch.Problems.Single(p => p.Line == 3).Message, StringComparison.Ordinal);
        Assert.Contains("unknown source \"carrier-pigeon\"", batch.Problems.Single(p => p.Line == 5).Message, StringComparison.Ordinal);
        Assert.Contains("already on line 2", batch.Problems.Single(p => p.Line == 7).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_QuotedLineBreaks_LineNumbersCountTheFileLines()
    {
        var tag = ImportFiles.Tag();

        var batch = await ReadAsync(ImportKind.Clients,
            ImportFiles.ClientsHeader,
            $"Grace,Hopper,,a-{tag}@example.com,,,,,,,,\"line one\nline two\nline three\"",
            $"Alan,Turing,,bad email,,,,,,,,");

        var problem = Assert.Single(batch.Problems);
        Assert.Equal((5, "email"), (problem.Line, problem.Column));
        Assert.Equal("line one\nline two\nline three", batch.Clients.Single().Notes);
    }

    [Fact]
    public async Task Read_UnknownAndMissingColumns_ProblemsOnLineOneAndNoRows()
    {
        var batch = await ReadAsync(ImportKind.Clients, "first_name,surname,email_address", "Grace,Hopper,g@example.com");

        Assert.All(batch.Problems, p => Assert.Equal(1, p.Line));
        Assert.Contains(batch.Problems, p => p.Message.Contains("unknown column \"surname\"", StringComparison.Ordinal));
        Assert.Contains(batch.Problems, p => p.Message.Contains("the column email is missing", StringComparison.Ordinal));
        Assert.Empty(batch.Clients);
    }

    [Fact]
    public async Task Read_RowWithTooManyFields_IsAProblemOnItsLine()
    {
        var tag = ImportFiles.Tag();

        var batch = await ReadAsync(ImportKind.Clients, ImportFiles.ClientsHeader, ImportFiles.Client(tag, 1) + ",extra", ImportFiles.Client(tag, 2));

        var problem = Assert.Single(batch.Problems);
        Assert.Equal(2, problem.Line);
        Assert.Contains("different number of fields", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_HeaderOnly_SaysThereAreNoRows()
    {
        var batch = await ReadAsync(ImportKind.Leads, ImportFiles.LeadsHeader);

        Assert.False(batch.IsValid);
        Assert.Contains("no leads", Assert.Single(batch.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_FormulaLookingCells_KeptAsTextUnchanged()
    {
        var tag = ImportFiles.Tag();

        var batch = await ReadAsync(ImportKind.Clients, ImportFiles.ClientsHeader,
            $"\"=HYPERLINK(\"\"http://evil.example\"\")\",+SUM(1;2),-2+3,f-{tag}@example.com,,@cmd,,,,,,=1+1");

        Assert.True(batch.IsValid, string.Join("; ", batch.Problems));
        var client = batch.Clients.Single();
        Assert.Equal(("=HYPERLINK(\"http://evil.example\")", "+SUM(1;2)", "-2+3", "@cmd", "=1+1"),
            (client.FirstName, client.LastName, client.PartnerName, client.AddressLine1, client.Notes));
    }

    [Fact]
    public async Task Read_BudgetWithoutCurrency_TakesTheStudios()
    {
        var tag = ImportFiles.Tag();

        var batch = await CsvImportReader.ReadAsync(ImportFiles.Stream(ImportFiles.LeadsHeader, ImportFiles.Lead(tag, 1)), ImportKind.Leads, "EUR", null, CancellationToken.None);

        Assert.Equal("EUR", batch.Leads.Single().Currency);
    }

    [Fact]
    public async Task Read_ClientsWithIdAndCreatedAtColumns_IgnoresThem()
    {
        var tag = ImportFiles.Tag();

        var batch = await ReadAsync(ImportKind.Clients, "id," + ImportFiles.ClientsHeader + ",created_at",
            "0193f6a1-0000-7000-8000-000000000001," + ImportFiles.Client(tag, 1) + ",2026-01-01T00:00:00Z");

        Assert.True(batch.IsValid, string.Join("; ", batch.Problems));
        Assert.Equal($"client1-{tag}@example.com", batch.Clients.Single().Email);
    }
}
