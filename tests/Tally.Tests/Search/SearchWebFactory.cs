using Dapper;
using Npgsql;
using Tally.Tests.Web;

namespace Tally.Tests.Search;

/// <summary>
/// The web app over the demo studios plus a few records with known words, in both studios: the
/// same words in north-light as in aurora-studio, so that isolation is tested with real matches.
/// </summary>
public sealed class SearchWebFactory : TallyWebFactory
{
    public const string StudioA = "aurora-studio";
    public const string StudioB = "north-light";

    public Guid StudioAId { get; private set; }
    public Guid StudioBId { get; private set; }

    /// <summary>Ids of the fixture leads of studio A by a short name, and the same for studio B.</summary>
    public Dictionary<string, Guid> LeadsA { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Guid> LeadsB { get; } = new(StringComparer.Ordinal);
    public Guid ClientZoeA { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var conn = await Database.OpenOwnerAsync();
        StudioAId = await conn.ExecuteScalarAsync<Guid>("SELECT id FROM studios WHERE slug = @s", new { s = StudioA });
        StudioBId = await conn.ExecuteScalarAsync<Guid>("SELECT id FROM studios WHERE slug = @s", new { s = StudioB });
        foreach (var (studio, leads) in new[] { (StudioAId, LeadsA), (StudioBId, LeadsB) })
        {
            leads["zoe"] = await AddLeadAsync(conn, studio, "Zoë", "Quenneville", "zoe.quenneville@example.com", "+1 (206) 555-0142", "Château Frontenac", "We love the lakeside.");
            leads["john"] = await AddLeadAsync(conn, studio, "John", "Smithereen", "jsmithereen@example.org", null, null, "Looking for a photographer for our harbour wedding");
            leads["referral"] = await AddLeadAsync(conn, studio, "Marta", "Xylander", "marta.xylander@example.net", null, null, "Referred by the Quenneville family, they loved their photos");
            leads["anders"] = await AddLeadAsync(conn, studio, "Anders", "Brandqvist", null, "0171 555 9876", "Grand Hotel", "A summer wedding with a garden party for forty guests");
            leads["peter"] = await AddLeadAsync(conn, studio, "Peter", "Brandqvist", "peter.brandqvist@example.com", null, null, "A winter wedding, then a party in the garden");
        }
        ClientZoeA = Guid.CreateVersion7();
        await conn.ExecuteAsync("""
            INSERT INTO clients (studio_id, id, first_name, last_name, email, notes)
            VALUES (@studio, @id, 'Zoe', 'Quennevillé', 'zoe.q.client@example.com', 'Prefers morning light')
            """, new { studio = StudioAId, id = ClientZoeA });
    }

    public static async Task<Guid> AddLeadAsync(NpgsqlConnection conn, Guid studio, string first, string? last, string? email, string? phone, string? venue, string? message)
    {
        var id = Guid.CreateVersion7();
        await conn.ExecuteAsync("""
            INSERT INTO leads (studio_id, id, first_name, last_name, email, phone, venue, message)
            VALUES (@studio, @id, @first, @last, @email, @phone, @venue, @message)
            """, new { studio, id, first, last, email, phone, venue, message });
        return id;
    }
}
