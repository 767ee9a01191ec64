using System.Globalization;

namespace Tally.Data.Seeding;

internal static partial class SeedWriters
{
    public static readonly SeedTableLoad Clients = new(SeedTables.Clients,
        "studio_id, id, first_name, last_name, partner_name, email, phone, address_line1, address_line2, city, region, postal_code, country, notes, created_at, updated_at",
        (m, w, tick, studios) =>
        {
            for (var s = studios.From; s < studios.To; s++)
            {
                var random = RandomFor(m, SeedTables.Clients, s);
                var start = m.Shape.Start(SeedTables.Clients, s);
                var pool = m.Locale(s);
                var city = m.City(s);
                for (var i = start; i < start + m.Shape.Count(SeedTables.Clients, s); i++)
                {
                    var partner = m.ClientPartnerName(s, i);
                    var hasAddress = random.NextDouble() < 0.85;
                    w.StartRow();
                    w.Uuid(m.StudioId[s]);
                    w.Uuid(m.ClientId[i]);
                    w.Text(m.ClientFirstName(s, i));
                    w.Text(m.ClientLastName(s, i));
                    w.Text(partner is null ? null : random.NextDouble() < 0.6 ? $"{partner} {m.ClientLastName(s, i)}" : $"{partner} {Choose(random, pool.LastNames)}");
                    w.Citext(m.ClientEmail(s, i));
                    w.Text(random.NextDouble() < 0.9 ? Choose(random, pool.Phones) : null);
                    w.Text(hasAddress ? Choose(random, pool.Streets) : null);
                    w.Text(hasAddress && random.NextDouble() < 0.12 ? string.Create(CultureInfo.InvariantCulture, $"Apt {random.Next(1, 40)}{(char)('A' + random.Next(6))}") : null);
                    w.Text(hasAddress ? (random.NextDouble() < 0.7 ? city.Name : Choose(random, pool.Towns)) : null);
                    w.Text(hasAddress ? city.Region : null);
                    w.Text(hasAddress ? Choose(random, pool.PostalCodes) : null);
                    w.Char(hasAddress ? city.Country : null);
                    w.Text(random.NextDouble() < 0.25 ? Choose(random, SeedCatalog.ClientNotes) : null);
                    w.Instant(m.ClientCreated[i]);
                    w.Instant(Clamp(m, m.ClientCreated[i] + (random.Next(0, 120) * SeedModel.Day)));
                    tick.Row();
                }
            }
        });

    public static readonly SeedTableLoad ClientInvitations = new(SeedTables.ClientInvitations,
        "studio_id, id, client_id, email, token_hash, invited_by, expires_at, accepted_at, revoked_at, created_at, updated_at",
        (m, w, tick, studios) =>
        {
            for (var s = studios.From; s < studios.To; s++)
            {
                var random = RandomFor(m, SeedTables.ClientInvitations, s);
                var clientStart = m.Shape.Start(SeedTables.Clients, s);
                for (var k = 0; k < m.Shape.Count(SeedTables.ClientInvitations, s); k++)
                {
                    var client = clientStart + k; // one invitation per client, so at most one is open
                    var created = Clamp(m, m.ClientCreated[client] + (random.Next(1, 240) * SeedModel.Hour));
                    var r = random.NextDouble();
                    long accepted = 0, revoked = 0;
                    if (r < 0.65)
                    {
                        accepted = Clamp(m, created + (random.Next(1, 72) * SeedModel.Hour));
                    }
                    else if (r < 0.7)
                    {
                        revoked = Clamp(m, created + (random.Next(1, 72) * SeedModel.Hour));
                    }
                    w.StartRow();
                    w.Uuid(m.StudioId[s]);
                    w.Uuid(SeedIds.V7(created, random));
                    w.Uuid(m.ClientId[client]);
                    w.Citext(m.ClientEmail(s, client));
                    w.Text(SeedIds.Hex(random));
                    w.Uuid(m.AdminId[PickWorker(m, random, s)]);
                    w.Instant(created + (14 * SeedModel.Day));
                    w.Instant(accepted);
                    w.Instant(revoked);
                    w.Instant(created);
                    w.Instant(Math.Max(created, Math.Max(accepted, revoked)));
                    tick.Row();
                }
            }
        });

    public static readonly SeedTableLoad Documents = new(SeedTables.Documents,
        "studio_id, id, client_id, session_id, kind, file_name, content_type, byte_size, storage_key, sha256, uploaded_by, created_at, updated_at",
        (m, w, tick, studios) =>
        {
            for (var s = studios.From; s < studios.To; s++)
            {
                var random = RandomFor(m, SeedTables.Documents, s);
                var sessionStart = m.Shape.Start(SeedTables.Sessions, s);
                var sessionCount = m.Shape.Count(SeedTables.Sessions, s);
                var clientStart = m.Shape.Start(SeedTables.Clients, s);
                var clientCount = m.Shape.Count(SeedTables.Clients, s);
                for (var k = 0; k < m.Shape.Count(SeedTables.Documents, s); k++)
                {
                    int client, session;
                    long created;
                    if (random.NextDouble() < 0.6)
                    {
                        session = sessionStart + random.Next(sessionCount);
                        client = random.NextDouble() < 0.8 ? m.SessionClient[session] : -1;
                        created = Clamp(m, m.SessionCreated[session] + (random.Next(1, 60 * 24) * SeedModel.Hour));
                    }
                    else
                    {
                        session = -1;
                        client = clientStart + random.Next(clientCount);
                        created = Clamp(m, m.ClientCreated[client] + (random.Next(1, 90 * 24) * SeedModel.Hour));
                    }
                    var pick = random.Next(SeedCatalog.ClientDocumentNames.Length);
                    var fileName = string.Format(CultureInfo.InvariantCulture, SeedCatalog.ClientDocumentNames[pick], 1000 + k);
                    var id = SeedIds.V7(created, random);
                    var extension = Path.GetExtension(fileName);
                    w.StartRow();
                    w.Uuid(m.StudioId[s]);
                    w.Uuid(id);
                    w.UuidAt(m.ClientId, client);
                    w.UuidAt(m.SessionId, session);
                    w.Text(SeedCatalog.ClientDocumentKinds[pick]);
                    w.Text(fileName);
                    w.Text(ContentType(fileName));
                    w.Long(extension == ".pdf" ? random.Next(40_000, 4_000_000) : random.Next(200_000, 9_000_000));
                    w.Text($"documents/{id:N}{extension}");
                    w.Text(SeedIds.Hex(random));
                    w.UuidAt(m.AdminId, random.NextDouble() < 0.8 ? PickWorker(m, random, s) : -1);
                    w.Instant(created);
                    w.Instant(created);
                    tick.Row();
                }
            }
        });
}
