using Dapper;
using Npgsql;
using Tally.Tests.Infrastructure;

namespace Tally.Tests.Search;

/// <summary>The database keeps search_vector current itself, whoever writes the row.</summary>
public sealed class SearchVectorTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    private static async Task<Guid> StudioAsync(NpgsqlConnection conn)
    {
        var id = Guid.CreateVersion7();
        await conn.ExecuteAsync(
            "INSERT INTO studios (id, slug, name, timezone) VALUES (@id, @slug, 'Vector Studio', 'Europe/Paris')",
            new { id, slug = "vector-" + id.ToString("N")[^12..] });
        return id;
    }

    private static Task<string> VectorAsync(NpgsqlConnection conn, string table, Guid studio, Guid id) =>
        conn.ExecuteScalarAsync<string>($"SELECT search_vector::text FROM {table} WHERE studio_id = @studio AND id = @id", new { studio, id })!;

    [Fact]
    public async Task Insert_FillsTheWeightedDocument()
    {
        await using var conn = await db.OpenOwnerAsync();
        var studio = await StudioAsync(conn);
        var id = await SearchWebFactory.AddLeadAsync(conn, studio, "Zoë", "Adélaïde", "zoe.adel@example.com", "(555) 010-2030 x12", "Villa Rosa", "Our weddings by the sea");

        var vector = await VectorAsync(conn, "leads", studio, id);

        Assert.Contains("'zoe':1A", vector, StringComparison.Ordinal);
        Assert.Contains("'adelaide':2A", vector, StringComparison.Ordinal);
        Assert.Matches("'zoe.adel@example.com':[0-9]+B", vector);
        Assert.Matches("'5550102030':[0-9]+B", vector);
        Assert.Matches("'0102030':[0-9]+B", vector);
        Assert.DoesNotContain("'12'", vector, StringComparison.Ordinal);
        Assert.Matches("'rosa':[0-9]+C", vector);
        // Weight D is the default one, which tsvector's text form leaves unmarked.
        Assert.Matches("'weddings':[0-9,]+( |$)", vector);
        Assert.Matches("'wed':[0-9,]+( |$)", vector);
    }

    [Fact]
    public async Task Update_OfASearchedColumn_RefreshesTheDocument_OthersLeaveItAlone()
    {
        await using var conn = await db.OpenOwnerAsync();
        var studio = await StudioAsync(conn);
        var id = await SearchWebFactory.AddLeadAsync(conn, studio, "Ida", "Lindqvist", null, "555 0101", null, null);

        await conn.ExecuteAsync("UPDATE leads SET last_name = 'Berglund' WHERE studio_id = @studio AND id = @id", new { studio, id });
        var renamed = await VectorAsync(conn, "leads", studio, id);
        await conn.ExecuteAsync("UPDATE leads SET search_vector = 'tampered' WHERE studio_id = @studio AND id = @id", new { studio, id });
        var tampered = await VectorAsync(conn, "leads", studio, id);

        Assert.Contains("'berglund'", renamed, StringComparison.Ordinal);
        Assert.DoesNotContain("'lindqvist'", renamed, StringComparison.Ordinal);
        Assert.Equal(renamed, tampered);
    }

    [Fact]
    public async Task ClientsAndSessions_GetDocumentsToo()
    {
        await using var conn = await db.OpenOwnerAsync();
        var studio = await StudioAsync(conn);
        var client = Guid.CreateVersion7();
        await conn.ExecuteAsync(
            "INSERT INTO clients (studio_id, id, first_name, last_name, email, city) VALUES (@studio, @client, 'Björn', 'Ekström', 'bjorn@example.com', 'Göteborg')",
            new { studio, client });
        var session = Guid.CreateVersion7();
        await conn.ExecuteAsync("""
            INSERT INTO sessions (studio_id, id, client_id, session_type, title, location_name, status)
            VALUES (@studio, @session, @client, 'engagement', 'Ekström engagement', 'Slottsskogen', 'inquiry')
            """, new { studio, session, client });

        Assert.Contains("'ekstrom':2A", await VectorAsync(conn, "clients", studio, client), StringComparison.Ordinal);
        Assert.Matches("'goteborg':[0-9]+C", await VectorAsync(conn, "clients", studio, client));
        Assert.Contains("'ekstrom':1A", await VectorAsync(conn, "sessions", studio, session), StringComparison.Ordinal);
        Assert.Matches("'slottsskogen':[0-9]+C", await VectorAsync(conn, "sessions", studio, session));
    }

    [Fact]
    public async Task Writes_AddNamesToTheStudioVocabulary()
    {
        await using var conn = await db.OpenOwnerAsync();
        var studio = await StudioAsync(conn);
        await SearchWebFactory.AddLeadAsync(conn, studio, "Ångström", "O'Malley-Pérez", "quill.pen42@example.com", null, null, null);

        var words = (await conn.QueryAsync<string>("SELECT word FROM search_words WHERE studio_id = @studio ORDER BY word", new { studio })).ToList();

        Assert.Equal(["angstrom", "malley", "pen", "perez", "quill"], words);
    }

    [Fact]
    public async Task SearchQuery_BuildsFromTokens_WhateverTheyHold()
    {
        await using var conn = await db.OpenOwnerAsync();

        var query = await conn.ExecuteScalarAsync<string>(
            "SELECT search_query(@terms, @phrases, @excluded)::text",
            new { terms = new[] { "o'brien", "a:*|b", "\\" }, phrases = new[] { "garden party" }, excluded = new[] { "winter" } });
        var onlyExcluded = await conn.ExecuteScalarAsync<string?>(
            "SELECT search_query('{}', '{}', @excluded)::text", new { excluded = new[] { "winter" } });

        Assert.Contains("'garden' <-> 'party'", query, StringComparison.Ordinal);
        Assert.Contains("!'winter'", query, StringComparison.Ordinal);
        Assert.Null(onlyExcluded);
    }
}
