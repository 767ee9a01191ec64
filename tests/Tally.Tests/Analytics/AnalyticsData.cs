using Dapper;
using Npgsql;

namespace Tally.Tests.Analytics;

/// <summary>
/// Randomized base data for the rollup tests, from a seeded Random: two studios on either side of
/// UTC (Auckland, Los Angeles), leads from every source, sessions, payments in two currencies with
/// every status, and gallery views. Written as the owner, the way seeds write; the analytics
/// triggers fire for every role.
/// </summary>
internal sealed class AnalyticsData(NpgsqlConnection conn, int seed)
{
    public static readonly string[] Sources = ["instagram", "google", "referral", "website", "wedding_wire", "the_knot", "facebook", "other"];
    public static readonly string[] SessionTypes = ["wedding", "portrait", "family"];

    private readonly Random _random = new(seed);

    public List<(Guid Studio, string Timezone)> Studios { get; } = [];
    public Dictionary<Guid, List<Guid>> Clients { get; } = [];
    public Dictionary<Guid, List<Guid>> Leads { get; } = [];
    public Dictionary<Guid, List<Guid>> Payments { get; } = [];
    public Dictionary<Guid, List<Guid>> Sessions { get; } = [];

    public DateTime Now { get; } = DateTime.UtcNow;

    public static async Task<Guid> StudioAsync(NpgsqlConnection conn, string slug, string timezone)
    {
        var id = Guid.CreateVersion7();
        await conn.ExecuteAsync("INSERT INTO studios (id, slug, name, timezone) VALUES (@id, @slug, @slug, @timezone)", new { id, slug, timezone });
        return id;
    }

    public async Task GenerateAsync(int leadsPerStudio = 60)
    {
        foreach (var (slug, tz) in new[] { ($"akl-{seed}", "Pacific/Auckland"), ($"lax-{seed}", "America/Los_Angeles") })
        {
            var studio = await StudioAsync(conn, slug, tz);
            Studios.Add((studio, tz));
            Clients[studio] = [];
            Leads[studio] = [];
            Payments[studio] = [];
            Sessions[studio] = [];
            for (var i = 0; i < leadsPerStudio / 2; i++)
            {
                Clients[studio].Add(await ClientAsync(studio, RandomInstant()));
            }
            for (var i = 0; i < leadsPerStudio; i++)
            {
                var converted = _random.NextDouble() < 0.4 ? Clients[studio][_random.Next(Clients[studio].Count)] : (Guid?)null;
                Leads[studio].Add(await LeadAsync(studio, RandomInstant(), Sources[_random.Next(Sources.Length)], converted));
            }
            foreach (var client in Clients[studio])
            {
                for (var k = _random.Next(0, 3); k > 0; k--)
                {
                    Sessions[studio].Add(await SessionAsync(studio, client, RandomInstant(futureDays: 60), _random.NextDouble() < 0.15 ? "cancelled" : "booked"));
                }
                for (var k = _random.Next(0, 4); k > 0; k--)
                {
                    Payments[studio].Add(await RandomPaymentAsync(studio, client));
                }
            }
            var gallery = await GalleryAsync(studio, Clients[studio][0]);
            for (var k = 0; k < 40; k++)
            {
                await ViewAsync(studio, gallery, RandomInstant(), _random.NextDouble() < 0.8 ? "view" : "download");
            }
        }
    }

    public DateTime RandomInstant(int futureDays = 0) =>
        Now.AddMinutes(-_random.Next(0, 400 * 24 * 60)).AddDays(_random.Next(0, futureDays + 1));

    public async Task<Guid> ClientAsync(Guid studio, DateTime createdAt)
    {
        var id = Guid.CreateVersion7();
        await conn.ExecuteAsync(
            "INSERT INTO clients (studio_id, id, first_name, email, created_at) VALUES (@studio, @id, 'Client', @email, @createdAt)",
            new { studio, id, email = $"c{id:N}@example.test", createdAt });
        return id;
    }

    public async Task<Guid> LeadAsync(Guid studio, DateTime createdAt, string source, Guid? converted)
    {
        var id = Guid.CreateVersion7();
        var status = converted is not null ? "won" : new[] { "new", "contacted", "qualified", "proposal_sent", "lost" }[_random.Next(5)];
        await conn.ExecuteAsync("""
            INSERT INTO leads (studio_id, id, first_name, email, source, status, converted_client_id, created_at)
            VALUES (@studio, @id, 'Lead', 'lead@example.test', @source, @status, @converted, @createdAt)
            """, new { studio, id, source, status, converted, createdAt });
        return id;
    }

    public async Task<Guid> SessionAsync(Guid studio, Guid client, DateTime startsAt, string status, string? type = null)
    {
        var id = Guid.CreateVersion7();
        await conn.ExecuteAsync("""
            INSERT INTO sessions (studio_id, id, client_id, session_type, title, starts_at, ends_at, status)
            VALUES (@studio, @id, @client, @type, 'Shoot', @startsAt, @endsAt, @status)
            """, new { studio, id, client, type = type ?? SessionTypes[_random.Next(SessionTypes.Length)], startsAt, endsAt = startsAt.AddHours(2), status });
        return id;
    }

    private async Task<Guid> RandomPaymentAsync(Guid studio, Guid client)
    {
        var currency = _random.NextDouble() < 0.7 ? "USD" : "EUR";
        var amount = Math.Round((decimal)(_random.NextDouble() * 3000) + 1, 2);
        var paidAt = RandomInstant();
        Guid? session = Sessions[studio].Count > 0 && _random.NextDouble() < 0.5 ? Sessions[studio][_random.Next(Sessions[studio].Count)] : null;
        return _random.Next(6) switch
        {
            0 or 1 => await PaymentAsync(studio, client, amount, currency, "paid", paidAt: paidAt, session: session),
            2 => await PaymentAsync(studio, client, amount, currency, "refunded", paidAt: paidAt, refundedAt: paidAt.AddDays(_random.Next(0, 20)), session: session),
            3 => await PaymentAsync(studio, client, amount, currency, "failed"),
            4 => await PaymentAsync(studio, client, amount, currency, "due", dueDate: DateOnly.FromDateTime(RandomInstant())),
            _ => await PaymentAsync(studio, client, amount, currency, "pending", dueDate: DateOnly.FromDateTime(RandomInstant(futureDays: 90))),
        };
    }

    public async Task<Guid> PaymentAsync(Guid studio, Guid client, decimal amount, string currency, string status,
        DateTime? paidAt = null, DateTime? refundedAt = null, DateOnly? dueDate = null, Guid? session = null, DateTime? createdAt = null)
    {
        var id = Guid.CreateVersion7();
        Guid? quote = null;
        if (session is not null)
        {
            quote = Guid.CreateVersion7();
            await conn.ExecuteAsync("""
                INSERT INTO quotes (studio_id, id, client_id, session_id, title, currency) VALUES (@studio, @quote, @client, @session, 'Quote', @currency)
                """, new { studio, quote, client, session, currency });
        }
        await conn.ExecuteAsync("""
            INSERT INTO payments (studio_id, id, client_id, quote_id, amount, currency, status, due_date, paid_at, refunded_at, method, created_at)
            VALUES (@studio, @id, @client, @quote, @amount, @currency, @status, @dueDate, @paidAt, @refundedAt,
                    CASE WHEN @paidAt::timestamptz IS NULL THEN NULL ELSE 'card' END, @createdAt)
            """, new { studio, id, client, quote, amount, currency, status, dueDate, paidAt, refundedAt, createdAt = createdAt ?? Now.AddDays(-400) });
        return id;
    }

    public async Task<Guid> GalleryAsync(Guid studio, Guid client)
    {
        var session = await SessionAsync(studio, client, Now.AddDays(-30), "completed");
        Sessions[studio].Add(session);
        var id = Guid.CreateVersion7();
        await conn.ExecuteAsync("""
            INSERT INTO galleries (studio_id, id, session_id, client_id, title, slug) VALUES (@studio, @id, @session, @client, 'Gallery', @slug)
            """, new { studio, id, session, client, slug = $"g-{id:N}" });
        return id;
    }

    public async Task ViewAsync(Guid studio, Guid gallery, DateTime at, string action = "view") =>
        await conn.ExecuteAsync("""
            INSERT INTO gallery_access_log (studio_id, id, gallery_id, action, accessed_at) VALUES (@studio, @id, @gallery, @action, @at)
            """, new { studio, id = Guid.CreateVersion7(), gallery, action, at });

    public int Next(int max) => _random.Next(max);

    public double NextDouble() => _random.NextDouble();
}
