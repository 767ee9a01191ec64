using Dapper;
using Tally.Tests.Cli;
using Tally.Tests.Web;

namespace Tally.Tests.Import;

/// <summary>`./tally import leads|clients FILE --studio SLUG [--dry-run]`: exit codes, line-numbered problems, all or nothing.</summary>
public sealed class ImportCommandTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tally-import-cli-").FullName;

    private string File(params string[] lines)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N")[..8] + ".csv");
        System.IO.File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    [Fact]
    public async Task ImportLeads_ValidFile_ExitZeroAndEveryRowWritten()
    {
        var tag = ImportFiles.Tag();
        var file = File([ImportFiles.LeadsHeader, .. Enumerable.Range(1, 30).Select(n => ImportFiles.Lead(tag, n))]);

        var (code, stdout, stderr) = await RunAsync("import", "leads", file, "--studio", "aurora-studio");

        Assert.True(code == 0, stderr);
        Assert.Contains("Imported 30 leads into aurora-studio.", stdout, StringComparison.Ordinal);
        await using var owner = await app.Database.OpenOwnerAsync();
        Assert.Equal(30, await ImportFiles.CountAsync(owner, "leads", tag));
        // The audit trail names the import as the actor.
        Assert.Equal("system:import", await owner.QuerySingleAsync<string>("""
            SELECT a.user_email::text FROM audit_log a JOIN leads l ON l.studio_id = a.studio_id AND l.id = a.record_id
            WHERE a.table_name = 'leads' AND l.email = @email::citext
            """, new { email = $"lead1-{tag}@example.com" }));
    }

    [Fact]
    public async Task ImportClients_DryRun_ExitZeroAndNothingWritten()
    {
        var tag = ImportFiles.Tag();
        var file = File(ImportFiles.ClientsHeader, ImportFiles.Client(tag, 1), ImportFiles.Client(tag, 2));

        var (code, stdout, stderr) = await RunAsync("import", "clients", file, "--studio", "aurora-studio", "--dry-run");

        Assert.True(code == 0, stderr);
        Assert.Contains("Dry run: all 2 clients", stdout, StringComparison.Ordinal);
        await using var owner = await app.Database.OpenOwnerAsync();
        Assert.Equal(0, await ImportFiles.CountAsync(owner, "clients", tag));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ImportClients_InvalidRows_ExitOneEveryProblemByLineOnStderrNothingWritten(bool dryRun)
    {
        var tag = ImportFiles.Tag();
        var file = File(ImportFiles.ClientsHeader, ImportFiles.Client(tag, 1), ImportFiles.Client(tag, 2, email: "nope"),
            ImportFiles.Client(tag, 3), ImportFiles.Client(tag, 4, firstName: ""), ImportFiles.Client(tag, 5, email: $"client1-{tag}@example.com"));
        string[] args = dryRun
            ? ["import", "clients", file, "--studio", "aurora-studio", "--dry-run"]
            : ["import", "clients", file, "--studio", "aurora-studio"];

        var (code, _, stderr) = await RunAsync(args);

        Assert.Equal(1, code);
        Assert.Contains("line 3, email: is not an email address: \"nope\"", stderr, StringComparison.Ordinal);
        Assert.Contains("line 5, first_name: is required", stderr, StringComparison.Ordinal);
        Assert.Contains("line 6, email:", stderr, StringComparison.Ordinal);
        Assert.Contains("3 problem(s) in 5 row(s); nothing was imported", stderr, StringComparison.Ordinal);
        await using var owner = await app.Database.OpenOwnerAsync();
        Assert.Equal(0, await ImportFiles.CountAsync(owner, "clients", tag));
    }

    [Fact]
    public async Task Import_UnknownStudio_ExitOneOneLine()
    {
        var file = File(ImportFiles.ClientsHeader, ImportFiles.Client(ImportFiles.Tag(), 1));

        var (code, stdout, stderr) = await RunAsync("import", "clients", file, "--studio", "no-such-studio");

        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Contains("there is no studio with the slug 'no-such-studio'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_MissingFile_ExitOne()
    {
        var (code, _, stderr) = await RunAsync("import", "leads", Path.Combine(_folder, "absent.csv"), "--studio", "aurora-studio");

        Assert.Equal(1, code);
        Assert.Contains("no file at", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WithoutStudio_IsAUsageError()
    {
        var (code, stdout, _) = await RunAsync("import", "leads", File(ImportFiles.LeadsHeader));

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) =>
        CliProcess.RunAsync(new Dictionary<string, string> { ["ConnectionStrings__TallyOwner"] = app.Database.OwnerConnectionString }, args);
}
