using System.Globalization;

namespace Tally.Data.Seeding;

// Clients and leads, and the names and addresses derived from the per-locale name pools.
internal sealed partial class SeedModel
{
    public Guid[] ClientId { get; private set; } = [];
    public long[] ClientCreated { get; private set; } = [];
    public short[] ClientFirst { get; private set; } = [];
    public short[] ClientLast { get; private set; } = [];
    /// <summary>Pool index of the partner's first name, or -1.</summary>
    public short[] ClientPartner { get; private set; } = [];

    public Guid[] LeadId { get; private set; } = [];
    public long[] LeadCreated { get; private set; } = [];

    public string ClientFirstName(int studio, int client) => Locale(studio).FirstNames[ClientFirst[client]];

    public string ClientLastName(int studio, int client) => Locale(studio).LastNames[ClientLast[client]];

    public string? ClientPartnerName(int studio, int client) =>
        ClientPartner[client] < 0 ? null : Locale(studio).FirstNames[ClientPartner[client]];

    public string ClientFullName(int studio, int client) => $"{ClientFirstName(studio, client)} {ClientLastName(studio, client)}";

    /// <summary>Unique within the studio: the local row number is part of the address.</summary>
    public string ClientEmail(int studio, int client)
    {
        var pool = Locale(studio);
        var local = client - Shape.Start(SeedTables.Clients, studio);
        var domain = ClientEmailDomains[(local * 7 + studio) % ClientEmailDomains.Length];
        return string.Create(CultureInfo.InvariantCulture, $"{pool.FirstNamesAscii[ClientFirst[client]]}.{pool.LastNamesAscii[ClientLast[client]]}{local}@{domain}");
    }

    private void BuildClients()
    {
        var random = new Random(Shape.SeedFor("model.clients"));
        var total = Shape.Total(SeedTables.Clients);
        ClientId = new Guid[total];
        ClientCreated = new long[total];
        ClientFirst = new short[total];
        ClientLast = new short[total];
        ClientPartner = new short[total];
        for (var s = 0; s < Shape.Studios.Length; s++)
        {
            var start = Shape.Start(SeedTables.Clients, s);
            var count = Shape.Count(SeedTables.Clients, s);
            var pool = Locale(s);
            SortedTimes(random, ClientCreated, start, count, HistoryStart(s), AnchorMs - Hour);
            for (var i = start; i < start + count; i++)
            {
                ClientId[i] = SeedIds.V7(ClientCreated[i], random);
                ClientFirst[i] = (short)random.Next(pool.FirstNames.Length);
                ClientLast[i] = (short)random.Next(pool.LastNames.Length);
                ClientPartner[i] = random.NextDouble() < 0.45 ? (short)random.Next(pool.FirstNames.Length) : (short)-1;
            }
        }
    }

    private void BuildLeads()
    {
        var random = new Random(Shape.SeedFor("model.leads"));
        var total = Shape.Total(SeedTables.Leads);
        LeadId = new Guid[total];
        LeadCreated = new long[total];
        for (var s = 0; s < Shape.Studios.Length; s++)
        {
            var start = Shape.Start(SeedTables.Leads, s);
            var count = Shape.Count(SeedTables.Leads, s);
            SortedTimes(random, LeadCreated, start, count, HistoryStart(s), AnchorMs - Hour);
            for (var i = start; i < start + count; i++)
            {
                LeadId[i] = SeedIds.V7(LeadCreated[i], random);
            }
        }
    }
}
