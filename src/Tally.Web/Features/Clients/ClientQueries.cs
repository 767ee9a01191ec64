using Dapper;
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

    // The folded term and the upper bound of its prefix range, computed once (an InitPlan), so the
    // prefix indexes of 0007b and 0013 serve the ranges whatever the plan: ~>=~ and ~<~ compare
    // bytes, as their text_pattern_ops do. "jane smi" also matches first name jane + last name smi.
    private const string Terms = """
        WITH term AS (
          SELECT search_fold(@q) AS lo, search_fold(@q) || U&'\+10FFFF' AS hi,
                 search_fold(@first) AS first_lo, search_fold(@first) || U&'\+10FFFF' AS first_hi,
                 search_fold(@rest) AS rest_lo, search_fold(@rest) || U&'\+10FFFF' AS rest_hi)
        """;

    private const string Match = """
         AND ((search_fold(first_name) ~>=~ (SELECT lo FROM term) AND search_fold(first_name) ~<~ (SELECT hi FROM term))
           OR (last_name IS NOT NULL AND search_fold(last_name) ~>=~ (SELECT lo FROM term) AND search_fold(last_name) ~<~ (SELECT hi FROM term))
           OR (search_fold(email::text) ~>=~ (SELECT lo FROM term) AND search_fold(email::text) ~<~ (SELECT hi FROM term))
           OR (search_fold(first_name) ~>=~ (SELECT first_lo FROM term) AND search_fold(first_name) ~<~ (SELECT first_hi FROM term)
               AND last_name IS NOT NULL AND search_fold(last_name) ~>=~ (SELECT rest_lo FROM term) AND search_fold(last_name) ~<~ (SELECT rest_hi FROM term)))
        """;

    // Newest first; id breaks ties between clients created in the same microsecond. The row
    // comparison uses clients_created_at_idx for its first column.
    private const string After = " AND (created_at, id) < (@at, @afterId)";
    private const string Order = " ORDER BY created_at DESC, id DESC";

    private static string ListSql(ClientListQuery query, string columns) =>
        (query.Q is null ? "" : Terms) + " SELECT " + columns + " FROM clients WHERE studio_id = @studio"
        + (query.Q is null ? "" : Match) + (query.After is null ? "" : After) + Order;

    private static object ListParameters(Guid studio, ClientListQuery query, int? limit)
    {
        var q = query.Q ?? "";
        var space = q.IndexOf(' ', StringComparison.Ordinal);
        return new
        {
            studio,
            q,
            first = space > 0 ? q[..space] : null,
            rest = space > 0 ? q[(space + 1)..].Trim() : null,
            at = query.After?.At,
            afterId = query.After?.Id,
            limit,
        };
    }

    /// <summary>One page, reading one row more to learn whether another follows (no count of a large studio's clients).</summary>
    public static async Task<ClientPage> PageAsync(TallyDb db, Guid studio, ClientListQuery query, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var rows = (await conn.QueryAsync<ClientSummary>(new CommandDefinition(
            ListSql(query, SummaryColumns) + " LIMIT @limit", ListParameters(studio, query, query.Limit + 1), cancellationToken: ct))).AsList();
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
            ListSql(query, Columns), ListParameters(studio, query, null), cancellationToken: ct))).AsList();
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
