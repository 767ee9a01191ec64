using Dapper;
using Npgsql;
using Tally.Web.Infrastructure.Identity;
using Tally.Web.Infrastructure.Records;

namespace Tally.Web.Features.Clients;

/// <summary>The SQL of clients. Row-level security keeps every statement inside the caller's studio; the studio_id in each says so too, and leads the indexes.</summary>
internal static class ClientQueries
{
    public const string Columns = """
        id, first_name AS firstname, last_name AS lastname, partner_name AS partnername, email::text AS email, phone,
        address_line1 AS addressline1, address_line2 AS addressline2, city, region, postal_code AS postalcode,
        country::text AS country, notes, created_at AS createdat, updated_at AS updatedat, xmin::text AS version
        """;

    private const string SummaryColumns = """
        id, first_name AS firstname, last_name AS lastname, partner_name AS partnername, email::text AS email, phone,
        city, country::text AS country, created_at AS createdat, xmin::text AS version
        """;

    // Each branch is a range of a prefix index (0007b, 0013): ~>=~ and ~<~ compare bytes, as their
    // text_pattern_ops do. The folded bounds come as plain parameters (see FoldAsync), so the
    // planner weighs them with the indexes' statistics: a rare prefix reads its few rows through
    // the indexes, a common one walks the newest clients and stops at the page.
    private const string Match = """
         AND ((search_fold(first_name) ~>=~ @lo AND search_fold(first_name) ~<~ @hi)
           OR (last_name IS NOT NULL AND search_fold(last_name) ~>=~ @lo AND search_fold(last_name) ~<~ @hi)
           OR (search_fold(email::text) ~>=~ @lo AND search_fold(email::text) ~<~ @hi)
           OR (search_fold(first_name) ~>=~ @firstLo AND search_fold(first_name) ~<~ @firstHi
               AND last_name IS NOT NULL AND search_fold(last_name) ~>=~ @restLo AND search_fold(last_name) ~<~ @restHi))
        """;

    // Above every character a name or email can hold: the end of a prefix's range.
    private const string Top = "\U0010FFFF";

    // Newest first; id breaks ties between clients created in the same microsecond. The row
    // comparison uses clients_created_at_idx for its first column.
    private const string After = " AND (created_at, id) < (@at, @afterId)";
    private const string Order = " ORDER BY created_at DESC, id DESC";

    private static string ListSql(ClientListQuery query, string columns) =>
        "SELECT " + columns + " FROM clients WHERE studio_id = @studio"
        + (query.Q is null ? "" : Match) + (query.After is null ? "" : After) + Order;

    /// <summary>The query's parameters; the search term folded by the database's own search_fold (lower, unaccent).</summary>
    private static async Task<DynamicParameters> ListParametersAsync(NpgsqlConnection conn, Guid studio, ClientListQuery query, int? limit, CancellationToken ct)
    {
        var p = new DynamicParameters();
        p.Add("studio", studio);
        p.Add("at", query.After?.At);
        p.Add("afterId", query.After?.Id);
        p.Add("limit", limit);
        if (query.Q is { } q)
        {
            var space = q.IndexOf(' ', StringComparison.Ordinal);
            var (all, first, rest) = await conn.QuerySingleAsync<(string, string?, string?)>(new CommandDefinition(
                "SELECT search_fold(@q), search_fold(@first), search_fold(@rest)",
                new { q, first = space > 0 ? q[..space] : null, rest = space > 0 ? q[(space + 1)..].Trim() : null }, cancellationToken: ct));
            p.Add("lo", all);
            p.Add("hi", all + Top);
            // No second word: a range that holds nothing.
            p.Add("firstLo", first ?? Top);
            p.Add("firstHi", first is null ? Top : first + Top);
            p.Add("restLo", rest ?? Top);
            p.Add("restHi", rest is null ? Top : rest + Top);
        }
        return p;
    }

    /// <summary>One page, reading one row more to learn whether another follows (no count of a large studio's clients).</summary>
    public static async Task<ClientPage> PageAsync(TallyDb db, Guid studio, ClientListQuery query, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var rows = (await conn.QueryAsync<ClientSummary>(new CommandDefinition(
            ListSql(query, SummaryColumns) + " LIMIT @limit", await ListParametersAsync(conn, studio, query, query.Limit + 1, ct), cancellationToken: ct))).AsList();
        string? next = null;
        if (rows.Count > query.Limit)
        {
            rows.RemoveAt(rows.Count - 1);
            next = new RecordCursor(rows[^1].CreatedAt, rows[^1].Id).Encode();
        }
        return new ClientPage(rows, next);
    }

    /// <summary>Every client the filter matches, from the cursor on, for the CSV export.</summary>
    public static async Task<List<Client>> AllAsync(TallyDb db, Guid studio, ClientListQuery query, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return (await conn.QueryAsync<Client>(new CommandDefinition(
            ListSql(query, Columns), await ListParametersAsync(conn, studio, query, null, ct), cancellationToken: ct))).AsList();
    }

    public static async Task<Client?> FindAsync(TallyDb db, Guid studio, Guid id, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<Client>(new CommandDefinition(
            $"SELECT {Columns} FROM clients WHERE studio_id = @studio AND id = @id", new { studio, id }, cancellationToken: ct));
    }

    /// <summary>The new client; null when the studio already has a client with this email (any case).</summary>
    public static async Task<Client?> CreateAsync(TallyDb db, Guid studio, ClientValues v, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        // ON CONFLICT rather than catching the unique violation: an error would abort the request's transaction.
        return await conn.QuerySingleOrDefaultAsync<Client>(new CommandDefinition($"""
            INSERT INTO clients (studio_id, id, first_name, last_name, partner_name, email, phone, address_line1, address_line2,
                                 city, region, postal_code, country, notes)
            VALUES (@studio, @id, @FirstName, @LastName, @PartnerName, @Email, @Phone, @AddressLine1, @AddressLine2,
                    @City, @Region, @PostalCode, @Country, @Notes)
            ON CONFLICT ON CONSTRAINT clients_studio_id_email_key DO NOTHING
            RETURNING {Columns}
            """, Parameters(studio, Guid.CreateVersion7(), v), cancellationToken: ct));
    }

    /// <summary>Whether another client of the studio has this email, whatever its case.</summary>
    public static async Task<bool> EmailTakenAsync(TallyDb db, Guid studio, string email, Guid? except, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM clients WHERE studio_id = @studio AND email = @email::citext AND id IS DISTINCT FROM @except)",
            new { studio, email, except }, cancellationToken: ct));
    }

    /// <summary>The updated client; null when there is no such client or its version is not one of <paramref name="versions"/>.</summary>
    public static async Task<Client?> UpdateAsync(TallyDb db, Guid studio, Guid id, RecordVersion.Precondition versions, ClientValues v, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var parameters = new DynamicParameters(Parameters(studio, id, v));
        parameters.Add("any", versions.Any);
        parameters.Add("versions", versions.Versions.ToArray());
        return await conn.QuerySingleOrDefaultAsync<Client>(new CommandDefinition($"""
            UPDATE clients SET first_name = @FirstName, last_name = @LastName, partner_name = @PartnerName, email = @Email,
                   phone = @Phone, address_line1 = @AddressLine1, address_line2 = @AddressLine2, city = @City, region = @Region,
                   postal_code = @PostalCode, country = @Country, notes = @Notes, updated_at = now()
            WHERE studio_id = @studio AND id = @id AND (@any OR xmin::text = ANY(@versions))
            RETURNING {Columns}
            """, parameters, cancellationToken: ct));
    }

    /// <summary>How many sessions the client has; they keep the client from being deleted.</summary>
    public static async Task<long> SessionCountAsync(TallyDb db, Guid studio, Guid id, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM sessions WHERE studio_id = @studio AND client_id = @id", new { studio, id }, cancellationToken: ct));
    }

    public static async Task<bool> DeleteAsync(TallyDb db, Guid studio, Guid id, RecordVersion.Precondition versions, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(
            "DELETE FROM clients WHERE studio_id = @studio AND id = @id AND (@any OR xmin::text = ANY(@versions))",
            new { studio, id, any = versions.Missing || versions.Any, versions = versions.Versions.ToArray() }, cancellationToken: ct)) == 1;
    }

    private static object Parameters(Guid studio, Guid id, ClientValues v) => new
    {
        studio,
        id,
        v.FirstName,
        v.LastName,
        v.PartnerName,
        v.Email,
        v.Phone,
        v.AddressLine1,
        v.AddressLine2,
        v.City,
        v.Region,
        v.PostalCode,
        v.Country,
        v.Notes,
    };
}
