using System.Net;
using Dapper;
using Npgsql;
using Tally.Data.Migrations;
using Tally.Tests.Clients;
using Tally.Tests.Web;
using static Tally.Tests.Search.SearchApi;

namespace Tally.Tests.Search;

/// <summary>
/// A session is found by its client's name and email (0020): the database puts them in the
/// session's document when the session is written and again when the client is renamed, in the
/// client's studio only.
/// </summary>
public sealed class SessionClientSearchTests(SearchWebFactory app) : IClassFixture<SearchWebFactory>
{
    private const string ClientsUrl = "/api/v1/studios/aurora-studio/clients";

    private static async Task<Guid> AddClientAsync(NpgsqlConnection conn, Guid studio, string first, string last, string email)
    {
        var id = Guid.CreateVersion7();
        await conn.ExecuteAsync("""
            INSERT INTO clients (studio_id, id, first_name, last_name, email)
            VALUES (@studio, @id, @first, @last, @email)
            """, new { studio, id, first, last, email });
        return id;
    }

    private static async Task<Guid> AddSessionAsync(NpgsqlConnection conn, Guid studio, Guid client, string title)
    {
        var id = Guid.CreateVersion7();
        await conn.ExecuteAsync("""
            INSERT INTO sessions (studio_id, id, client_id, session_type, title, location_name)
            VALUES (@studio, @id, @client, 'wedding', @title, 'Orangery')
            """, new { studio, id, client, title });
        return id;
    }

    [Fact]
    public async Task Session_IsFoundByItsClientsFirstNameSurnameAndEmail_WithTheClientNamedAsMatched()
    {
        await using var conn = await app.Database.OpenOwnerAsync();
        var client = await AddClientAsync(conn, app.StudioAId, "Wilhelmina", "Quiddington", "quiddy.house@example.org");
        var session = await AddSessionAsync(conn, app.StudioAId, client, "Garden ceremony");
        var owner = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);

        foreach (var q in new[] { "wilhelmina", "quiddington", "Wilhelmina Quiddington", "quidd" })
        {
            var hit = Assert.Single((await SearchAsync(owner, q, types: "sessions")).Results);
            Assert.Equal(session, hit.Id);
            // Still the session's own title; the snippet shows the client's name, highlighted.
            Assert.Equal("Garden ceremony", Text(hit.Title));
            Assert.Contains(hit.Snippet, s => s.Match && (s.Text == "Wilhelmina" || s.Text.StartsWith("Quidd", StringComparison.Ordinal)));
            Assert.Contains("client", hit.MatchedFields);
            Assert.DoesNotContain("title", hit.MatchedFields);
        }

        var byEmail = Assert.Single((await SearchAsync(owner, "quiddy.hou", types: "sessions")).Results);
        Assert.Equal(session, byEmail.Id);
        Assert.Contains("client email", byEmail.MatchedFields);

        var byTitle = (await SearchAsync(owner, "garden ceremony", types: "sessions")).Results.Single(r => r.Id == session);
        Assert.Equal(["title"], byTitle.MatchedFields);
    }

    [Fact]
    public async Task Session_AfterItsClientIsRenamed_IsFoundByTheNewNameAndNotTheOld_OthersUntouched()
    {
        var owner = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);
        var body = ClientsApi.Body("pennyworth.old@example.org", "Araminta");
        body["lastName"] = "Pennyworth";
        var (client, etag) = await ClientsApi.CreateAsync(owner, body);
        await using var conn = await app.Database.OpenOwnerAsync();
        var session = await AddSessionAsync(conn, app.StudioAId, client.Id, "Engagement walk");
        var otherClient = await AddClientAsync(conn, app.StudioAId, "Bertram", "Pennyworth", "bertram.p@example.org");
        var otherSession = await AddSessionAsync(conn, app.StudioAId, otherClient, "Family portrait");
        var before = await conn.QuerySingleAsync<(DateTime UpdatedAt, string Xmin)>(
            "SELECT updated_at, xmin::text FROM sessions WHERE studio_id = @s AND id = @id", new { s = app.StudioAId, id = session });
        var otherXmin = await conn.ExecuteScalarAsync<string>(
            "SELECT xmin::text FROM sessions WHERE studio_id = @s AND id = @id", new { s = app.StudioAId, id = otherSession });
        Assert.Contains(session, Ids(await SearchAsync(owner, "araminta pennyworth", types: "sessions")));

        body["firstName"] = "Clementine";
        body["lastName"] = "Fairweather";
        body["email"] = "clem.fairweather@example.org";
        using (var put = await owner.SendAsync(ClientsApi.Put($"{ClientsUrl}/{client.Id}", body, etag)))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        Assert.Equal([session], Ids(await SearchAsync(owner, "clementine fairweather", types: "sessions")));
        Assert.Equal([session], Ids(await SearchAsync(owner, "clem.fairw", types: "sessions")));
        Assert.Empty(Ids(await SearchAsync(owner, "araminta", types: "sessions")));
        Assert.DoesNotContain(session, Ids(await SearchAsync(owner, "pennyworth", types: "sessions")));
        Assert.Contains(otherSession, Ids(await SearchAsync(owner, "pennyworth", types: "sessions")));
        var after = await conn.QuerySingleAsync<(DateTime UpdatedAt, string Xmin)>(
            "SELECT updated_at, xmin::text FROM sessions WHERE studio_id = @s AND id = @id", new { s = app.StudioAId, id = session });
        // Recomputing the document is not a change of the session: updated_at stays, and only the
        // renamed client's sessions were written.
        Assert.NotEqual(before.Xmin, after.Xmin);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
        Assert.Equal(otherXmin, await conn.ExecuteScalarAsync<string>(
            "SELECT xmin::text FROM sessions WHERE studio_id = @s AND id = @id", new { s = app.StudioAId, id = otherSession }));
        Assert.Equal(0, await conn.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE table_name = 'sessions' AND record_id = @id AND action = 'update'", new { id = session }));
    }

    [Fact]
    public async Task Session_ChangedClient_IsFoundByTheNewClientsName()
    {
        await using var conn = await app.Database.OpenOwnerAsync();
        var first = await AddClientAsync(conn, app.StudioAId, "Ottilie", "Marchbanks", "ottilie.m@example.org");
        var second = await AddClientAsync(conn, app.StudioAId, "Percival", "Ashdown", "percival.a@example.org");
        var session = await AddSessionAsync(conn, app.StudioAId, first, "Boat party");
        var owner = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);

        await conn.ExecuteAsync("UPDATE sessions SET client_id = @second WHERE studio_id = @s AND id = @id", new { second, s = app.StudioAId, id = session });

        Assert.Equal([session], Ids(await SearchAsync(owner, "ashdown", types: "sessions")));
        Assert.Empty(Ids(await SearchAsync(owner, "marchbanks", types: "sessions")));
    }

    [Fact]
    public async Task Session_OfAnotherStudiosClientWithTheSameName_NeverAppears()
    {
        await using var conn = await app.Database.OpenOwnerAsync();
        var clientA = await AddClientAsync(conn, app.StudioAId, "Lavinia", "Thistlewood", "lavinia.t@example.org");
        var clientB = await AddClientAsync(conn, app.StudioBId, "Lavinia", "Thistlewood", "lavinia.t@example.org");
        var sessionA = await AddSessionAsync(conn, app.StudioAId, clientA, "Harbour elopement");
        var sessionB = await AddSessionAsync(conn, app.StudioBId, clientB, "Harbour elopement");

        var asA = await SearchAsync(await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner), "lavinia thistlewood", limit: 50);
        var asB = await SearchAsync(await app.CreateSignedInClientAsync(TestSignIn.NorthLightOwner), "thistlewood", limit: 50);
        // A rename in one studio leaves the other studio's sessions as they were.
        await conn.ExecuteAsync("UPDATE clients SET last_name = 'Brackenridge' WHERE studio_id = @s AND id = @id", new { s = app.StudioAId, id = clientA });
        var asBAfter = await SearchAsync(await app.CreateSignedInClientAsync(TestSignIn.NorthLightOwner), "thistlewood", types: "sessions");

        Assert.Contains(sessionA, Ids(asA));
        Assert.DoesNotContain(sessionB, Ids(asA));
        Assert.DoesNotContain(clientB, Ids(asA));
        Assert.Contains(sessionB, Ids(asB));
        Assert.DoesNotContain(sessionA, Ids(asB));
        Assert.Equal([sessionB], Ids(asBAfter));
    }

    [Fact]
    public async Task Backfill_GivesExistingSessionsTheirClientsName_KeepingUpdatedAt()
    {
        await using var conn = await app.Database.OpenOwnerAsync();
        var client = await AddClientAsync(conn, app.StudioAId, "Evangeline", "Holloway", "evangeline.h@example.org");
        var session = await AddSessionAsync(conn, app.StudioAId, client, "Vineyard rehearsal");
        // The session as 0007 left it: a document of its own columns only.
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await conn.ExecuteAsync("""
                ALTER TABLE sessions DISABLE TRIGGER sessions_update_search_vector, DISABLE TRIGGER sessions_set_updated_at;
                UPDATE sessions s SET search_vector = search_document(s), updated_at = '2026-01-02T03:04:05Z' WHERE studio_id = @s AND id = @id;
                ALTER TABLE sessions ENABLE TRIGGER sessions_update_search_vector, ENABLE TRIGGER sessions_set_updated_at;
                """, new { s = app.StudioAId, id = session }, tx);
            await tx.CommitAsync();
        }
        var owner = await app.CreateSignedInClientAsync(TestSignIn.AuroraOwner);
        Assert.Empty(Ids(await SearchAsync(owner, "holloway", types: "sessions")));

        var backfill = Migrator.Scripts().Single(s => s.Name.StartsWith("0020a_", StringComparison.Ordinal));
        // As DbUp sends it: statement by statement, outside a transaction block (the DO block commits).
        await conn.ExecuteAsync("SET lock_timeout = '5s'");
        await conn.ExecuteAsync(backfill.Sql[backfill.Sql.IndexOf("DO $$", StringComparison.Ordinal)..]);

        Assert.Equal([session], Ids(await SearchAsync(owner, "evangeline holloway", types: "sessions")));
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), await conn.ExecuteScalarAsync<DateTime>(
            "SELECT updated_at FROM sessions WHERE studio_id = @s AND id = @id", new { s = app.StudioAId, id = session }));
    }
}
