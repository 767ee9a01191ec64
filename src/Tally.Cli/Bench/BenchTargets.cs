using System.Net.Http.Headers;
using System.Text.Json;
using Dapper;
using Npgsql;
using Tally.Data.Security;

namespace Tally.Cli.Bench;

/// <summary>
/// What the scenarios send requests to: the app (connected as tally_app), optionally a second app
/// connected as the owner, and the database directly as either role. Every HTTP request carries a
/// bearer token of its studio's owner, made for the run and revoked after it: pages and the API
/// need a signed-in caller, and a token works for both.
/// </summary>
internal sealed class BenchTargets : IAsyncDisposable
{
    // The endpoint's two queries, word for word: StudioQueries.FindAsync, then LeadListSql's page of
    // the working list, newest first, after a keyset position (docs/leads.md). The CLI does not load
    // the web assembly, so they are repeated here.
    private const string StudioSql = "SELECT id, slug, name, timezone FROM studios WHERE slug = @slug";
    private const string LeadsSql = """
        SELECT l.id, l.first_name AS firstname, l.last_name AS lastname, l.email::text AS email, l.phone,
               l.event_type AS eventtype, l.event_date AS eventdate, l.budget, l.currency, l.source, l.status,
               l.workflow_stage AS workflowstage, l.assigned_to AS assignedto, u.full_name AS assignedtoname,
               l.archived_at AS archivedat, l.created_at AS createdat
        FROM leads l
        LEFT JOIN admin_users u ON u.studio_id = l.studio_id AND u.id = l.assigned_to
        WHERE l.studio_id = @studioId AND l.archived_at IS NULL
        """;

    private const string FirstPage = " ORDER BY l.created_at DESC, l.id DESC LIMIT @limit";
    private const string NextPage = " AND (l.created_at, l.id) < (@afterCreated, @afterId) ORDER BY l.created_at DESC, l.id DESC LIMIT @limit";

    private readonly Dictionary<BenchStudio, NewAccessToken> _tokens;
    private readonly string _ownerConnectionString;
    private readonly string _largestClaims;
    private AuditBench? _audit;
    private LeadsBench? _leads;

    private BenchTargets(BenchContext context, Dictionary<BenchStudio, NewAccessToken> tokens, string ownerConnectionString, string appConnectionString, string largestClaims)
    {
        Context = context;
        _tokens = tokens;
        _ownerConnectionString = ownerConnectionString;
        _largestClaims = largestClaims;
        AppSql = NpgsqlDataSource.Create(appConnectionString);
        OwnerSql = NpgsqlDataSource.Create(ownerConnectionString);
    }

    public BenchContext Context { get; }

    public HttpClient? App { get; set; }

    public HttpClient? OwnerApp { get; set; }

    /// <summary>The audit trail's scenarios (made by `./tally bench` when any of them runs).</summary>
    public AuditBench Audit { get => _audit ?? throw new InvalidOperationException("The audit bench was not set up."); set => _audit = value; }

    /// <summary>As the owner role (BYPASSRLS), for scenarios that pick their sample rows before measuring.</summary>
    public string OwnerConnectionString => _ownerConnectionString;
    /// <summary>The leads list's cursors and anchors (docs/leads.md).</summary>
    public LeadsBench Leads => _leads ??= new LeadsBench(this);

    /// <summary>The largest studio's id, for scenarios that prepare data as the owner.</summary>
    public async Task<Guid> LargestStudioIdAsync(CancellationToken ct)
    {
        await using var connection = await OwnerSql.OpenConnectionAsync(ct);
        return await connection.QuerySingleAsync<Guid>(new CommandDefinition("SELECT id FROM studios WHERE slug = @slug", new { slug = Context.LargestStudio }, cancellationToken: ct));
    }

    /// <summary>The owner's data source, for preparations that read as the owner.</summary>
    public NpgsqlDataSource Owner => OwnerSql;

    /// <summary>The bearer token of a measured studio's owner.</summary>
    public string Token(BenchStudio studio) => _tokens[studio].Token;

    /// <summary>The claims TallyDb sets for the largest studio's owner (RequestClaims' JSON).</summary>
    public string LargestClaims => _largestClaims;

    public NpgsqlDataSource AppSql { get; }

    public NpgsqlDataSource OwnerSql { get; }

    /// <summary>Makes a token for the owner of each measured studio, as the owner role.</summary>
    public static async Task<BenchTargets> CreateAsync(BenchContext context, string ownerConnectionString, string appConnectionString, CancellationToken ct)
    {
        var tokens = new Dictionary<BenchStudio, NewAccessToken>();
        string? largestClaims = null;
        foreach (var (studio, slug) in new[] { (BenchStudio.Largest, context.LargestStudio), (BenchStudio.Typical, context.TypicalStudio) })
        {
            var owner = await StudioOwnerAsync(ownerConnectionString, slug, ct);
            tokens[studio] = await AccessTokens.CreateForMemberAsync(ownerConnectionString, slug, owner.Email, "./tally bench", role: null, ct);
            // The claims TallyDb sets for a request with this token (RequestClaims' JSON).
            largestClaims ??= JsonSerializer.Serialize(new
            {
                sub = owner.Id,
                email = owner.Email,
                role = "owner",
                studio_id = owner.StudioId,
                perms = new Dictionary<string, bool> { ["can_view_analytics"] = true, ["can_manage_payments"] = true, ["can_manage_team"] = true },
                ip = "127.0.0.1",
                user_agent = "tally-bench",
                request_id = "bench",
            });
        }
        return new BenchTargets(context, tokens, ownerConnectionString, appConnectionString, largestClaims!);
    }

    public async Task<bool> GetAsync(bool ownerApp, BenchStudio studio, string path, CancellationToken ct)
    {
        var http = (ownerApp ? OwnerApp : App) ?? throw new InvalidOperationException("The app for this scenario was not started.");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens[studio].Token);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        return response.IsSuccessStatusCode;
    }

    /// <summary>
    /// The leads endpoint's database work, shaped as TallyDb shapes it: one transaction, the claims
    /// set first, the studio looked up by slug, then the page after its keyset anchor (one row more
    /// than the page size).
    /// </summary>
    public async Task<bool> LeadsSqlAsync(bool asOwner, int page, CancellationToken ct)
    {
        await using var connection = await (asOwner ? OwnerSql : AppSql).OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("SELECT set_config('request.jwt.claims', @claims, true)", new { claims = _largestClaims }, transaction, cancellationToken: ct));
        var studio = await connection.QuerySingleOrDefaultAsync<StudioRow>(new CommandDefinition(StudioSql, new { slug = Context.LargestStudio }, transaction, cancellationToken: ct));
        if (studio is null)
        {
            return false;
        }
        var anchor = Leads.Anchor(page);
        var rows = (await connection.QueryAsync(new CommandDefinition(LeadsSql + (anchor is null ? FirstPage : NextPage),
            new { studioId = studio.Id, afterCreated = anchor?.CreatedAt, afterId = anchor?.Id ?? Guid.Empty, limit = 51 }, transaction, cancellationToken: ct))).AsList();
        await transaction.CommitAsync(ct);
        return rows.Count > 0;
    }

    /// <summary>
    /// One query as tally_app in a transaction with the largest studio's owner claims set first (as
    /// TallyDb does); the parameters are made from the studio's id. An empty answer is an answer:
    /// a baseline may find nothing where search finds something.
    /// </summary>
    public async Task<bool> LargestStudioSqlAsync(string sql, Func<Guid, object> parameters, CancellationToken ct)
    {
        await using var connection = await AppSql.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("SELECT set_config('request.jwt.claims', @claims, true)", new { claims = _largestClaims }, transaction, cancellationToken: ct));
        var studio = await connection.QuerySingleOrDefaultAsync<StudioRow>(new CommandDefinition(StudioSql, new { slug = Context.LargestStudio }, transaction, cancellationToken: ct));
        if (studio is null)
        {
            return false;
        }
        await connection.QueryAsync(new CommandDefinition(sql, parameters(studio.Id), transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>Revokes the run's tokens: they were for this run only.</summary>
    public async ValueTask DisposeAsync()
    {
        await using (var connection = new NpgsqlConnection(_ownerConnectionString))
        {
            await connection.OpenAsync();
            await connection.ExecuteAsync("UPDATE api_tokens SET revoked_at = now() WHERE id = ANY(@ids) AND revoked_at IS NULL",
                new { ids = _tokens.Values.Select(t => t.Id).ToArray() });
        }
        await AppSql.DisposeAsync();
        await OwnerSql.DisposeAsync();
    }

    private static async Task<StudioOwner> StudioOwnerAsync(string ownerConnectionString, string slug, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(ct);
        return await connection.QuerySingleAsync<StudioOwner>(new CommandDefinition("""
            SELECT u.id, u.studio_id AS studioid, u.email::text AS email
            FROM admin_users u JOIN studios s ON s.id = u.studio_id
            WHERE s.slug = @slug AND u.role = 'owner' AND u.is_active
            ORDER BY u.created_at, u.id LIMIT 1
            """, new { slug }, cancellationToken: ct));
    }

    private sealed record StudioOwner(Guid Id, Guid StudioId, string Email);

    private sealed record StudioRow(Guid Id, string Slug, string Name, string TimeZone);
}
