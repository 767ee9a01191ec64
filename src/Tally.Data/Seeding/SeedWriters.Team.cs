using System.Globalization;

namespace Tally.Data.Seeding;

internal static partial class SeedWriters
{
    public static readonly SeedTableLoad Studios = new(SeedTables.Studios,
        "id, slug, name, timezone, default_currency, contact_email, phone, website_url, created_at, updated_at",
        (m, w, tick, studios) =>
        {
            for (var s = studios.From; s < studios.To; s++)
            {
                var random = RandomFor(m, SeedTables.Studios, s);
                var spec = m.Shape.Studios[s];
                w.StartRow();
                w.Uuid(m.StudioId[s]);
                w.Text(spec.Slug);
                w.Text(spec.Name);
                w.Text(spec.City.TimeZone);
                w.Char(spec.City.Currency);
                w.Citext($"hello@{m.StudioDomain(s)}");
                w.Text(Choose(random, m.Locale(s).Phones));
                w.Text($"https://{spec.Slug}.example.com");
                w.Instant(m.StudioCreated[s]);
                w.Instant(m.StudioCreated[s] + (random.Next(1, 300) * SeedModel.Day));
                tick.Row();
            }
        });

    public static readonly SeedTableLoad AdminUsers = new(SeedTables.AdminUsers,
        "studio_id, id, email, full_name, role, is_active, can_view_analytics, can_manage_payments, can_manage_team, phone, password_hash, last_sign_in_at, created_at, updated_at",
        (m, w, tick, studios) =>
        {
            for (var s = studios.From; s < studios.To; s++)
            {
                var random = RandomFor(m, SeedTables.AdminUsers, s);
                var start = m.Shape.Start(SeedTables.AdminUsers, s);
                var pool = m.Locale(s);
                for (var k = 0; k < m.Shape.Count(SeedTables.AdminUsers, s); k++)
                {
                    var i = start + k;
                    var role = m.AdminRole[i];
                    var first = random.Next(pool.FirstNames.Length);
                    var last = random.Next(pool.LastNames.Length);
                    // The first three addresses are fixed so demos and tests can sign in as each role.
                    var email = k switch
                    {
                        0 => $"owner@{m.StudioDomain(s)}",
                        1 => $"staff@{m.StudioDomain(s)}",
                        2 => $"bookkeeper@{m.StudioDomain(s)}",
                        _ => string.Create(CultureInfo.InvariantCulture, $"{pool.FirstNamesAscii[first]}.{pool.LastNamesAscii[last]}{k}@{m.StudioDomain(s)}"),
                    };
                    var active = k < 3 || random.NextDouble() < 0.9;
                    w.StartRow();
                    w.Uuid(m.StudioId[s]);
                    w.Uuid(m.AdminId[i]);
                    w.Citext(email);
                    w.Text($"{pool.FirstNames[first]} {pool.LastNames[last]}");
                    w.Text(SeedModel.RoleNames[role]);
                    w.Bool(active);
                    w.Bool(role is SeedModel.Owner or SeedModel.Admin or SeedModel.Bookkeeper);
                    w.Bool(role is SeedModel.Owner or SeedModel.Bookkeeper || (role == SeedModel.Admin && random.NextDouble() < 0.5));
                    w.Bool(role is SeedModel.Owner or SeedModel.Admin);
                    w.Text(random.NextDouble() < 0.8 ? Choose(random, pool.Phones) : null);
                    // No password: large-scale members cannot sign in by form. The benchmark signs in
                    // with a bearer token it creates (./tally bench), so no hashing slows the load.
                    w.Text(null);
                    w.Instant(active ? Math.Max(m.AdminCreated[i] + SeedModel.Hour, m.AnchorMs - (random.Next(1, 20 * 24 * 60) * SeedModel.Minute)) : 0);
                    w.Instant(m.AdminCreated[i]);
                    w.Instant(Clamp(m, m.AdminCreated[i] + (random.Next(0, 200) * SeedModel.Day)));
                    tick.Row();
                }
            }
        });

    public static readonly SeedTableLoad AdminInvitations = new(SeedTables.AdminInvitations,
        "studio_id, id, email, role, token_hash, invited_by, expires_at, accepted_at, revoked_at, created_at, updated_at",
        (m, w, tick, studios) =>
        {
            for (var s = studios.From; s < studios.To; s++)
            {
                var random = RandomFor(m, SeedTables.AdminInvitations, s);
                var pool = m.Locale(s);
                var owner = m.Shape.Start(SeedTables.AdminUsers, s);
                for (var k = 0; k < m.Shape.Count(SeedTables.AdminInvitations, s); k++)
                {
                    var created = m.HistoryStart(s) + (long)(random.NextDouble() * (m.AnchorMs - SeedModel.Hour - m.HistoryStart(s)));
                    var expires = created + (7 * SeedModel.Day);
                    var r = random.NextDouble();
                    long accepted = 0, revoked = 0;
                    if (r < 0.55)
                    {
                        accepted = Clamp(m, created + (random.Next(1, 96) * SeedModel.Hour));
                    }
                    else if (r < 0.7)
                    {
                        revoked = Clamp(m, created + (random.Next(1, 96) * SeedModel.Hour));
                    }
                    var first = random.Next(pool.FirstNames.Length);
                    var last = random.Next(pool.LastNames.Length);
                    w.StartRow();
                    w.Uuid(m.StudioId[s]);
                    w.Uuid(SeedIds.V7(created, random));
                    w.Citext(string.Create(CultureInfo.InvariantCulture, $"{pool.FirstNamesAscii[first]}.{pool.LastNamesAscii[last]}.{k}@{SeedModel.ClientEmailDomains[k % SeedModel.ClientEmailDomains.Length]}"));
                    w.Text(SeedModel.RoleNames[SeedModel.Pick(random, [0, 25, 60, 15])]);
                    w.Text(SeedIds.Hex(random));
                    w.Uuid(m.AdminId[owner]);
                    w.Instant(expires);
                    w.Instant(accepted);
                    w.Instant(revoked);
                    w.Instant(created);
                    w.Instant(Math.Max(created, Math.Max(accepted, revoked)));
                    tick.Row();
                }
            }
        });
}
