using System.Globalization;

namespace Tally.Data.Seeding;

internal static partial class SeedWriters
{
    private static readonly string[] LeadStatuses = ["new", "contacted", "qualified", "proposal_sent", "won", "lost", "archived"];
    private static readonly int[] FreshLeadWeights = [60, 30, 10, 0, 0, 0, 0];
    private static readonly int[] RecentLeadWeights = [10, 30, 25, 20, 8, 7, 0];
    private static readonly int[] SettledLeadWeights = [2, 5, 5, 5, 25, 38, 20];
    // The workflow stage each status belongs to (ADR 0010: status follows the stage), and which stages are open.
    private static readonly string[] LeadStages = ["inquiry", "contacted", "consultation", "proposal_sent", "booked", "lost", "archived"];

    /// <summary>
    /// The stale_lead rule's default days, and how long after a lead's creation its seeded
    /// interactions can run (LeadInteractions: a few, 4 hours to 6 days apart): a seeded open lead
    /// whose last activity is older than the rule's days is flagged, as the hourly job would do.
    /// </summary>
    private const long StaleDays = 14 * SeedModel.Day;

    private const long InteractionsSpan = 18 * SeedModel.Day;

    private static readonly string[] SourceLabels = ["Instagram", "Google", "a friend", "your website", "WeddingWire", "The Knot", "Facebook", "a styled shoot"];

    public static readonly SeedTableLoad Leads = new(SeedTables.Leads,
        "studio_id, id, first_name, last_name, partner_name, email, phone, event_type, event_date, venue, guest_count, budget, currency, source, message, status, lost_reason, assigned_to, converted_client_id, created_at, updated_at, workflow_stage, stage_entered_at, stale_since",
        (m, w, tick, studios) =>
        {
            var dateFormat = CultureInfo.GetCultureInfo("en-US");
            for (var s = studios.From; s < studios.To; s++)
            {
                var random = RandomFor(m, SeedTables.Leads, s);
                var start = m.Shape.Start(SeedTables.Leads, s);
                var clientStart = m.Shape.Start(SeedTables.Clients, s);
                var clientCount = m.Shape.Count(SeedTables.Clients, s);
                var pool = m.Locale(s);
                var currency = m.City(s).Currency;
                var nextClient = 0;
                for (var i = start; i < start + m.Shape.Count(SeedTables.Leads, s); i++)
                {
                    var created = m.LeadCreated[i];
                    var age = m.AnchorMs - created;
                    var status = SeedModel.Pick(random, age < 7 * SeedModel.Day ? FreshLeadWeights : age < 45 * SeedModel.Day ? RecentLeadWeights : SettledLeadWeights);
                    var type = SeedModel.Pick(random, SeedCatalog.SessionTypeWeights);
                    var typeName = SeedCatalog.SessionTypes[type];

                    string first, email;
                    string? last, partner;
                    var converted = -1;
                    if (LeadStatuses[status] == "won" && clientCount > 0)
                    {
                        // A won lead became a client: same person, same address.
                        converted = clientStart + (nextClient++ % clientCount);
                        first = m.ClientFirstName(s, converted);
                        last = m.ClientLastName(s, converted);
                        partner = m.ClientPartnerName(s, converted);
                        email = m.ClientEmail(s, converted);
                    }
                    else
                    {
                        var f = random.Next(pool.FirstNames.Length);
                        var l = random.Next(pool.LastNames.Length);
                        first = pool.FirstNames[f];
                        last = random.NextDouble() < 0.95 ? pool.LastNames[l] : null;
                        partner = type <= 1 && random.NextDouble() < 0.7 ? Choose(random, pool.FirstNames) : null;
                        email = string.Create(CultureInfo.InvariantCulture, $"{pool.FirstNamesAscii[f]}.{pool.LastNamesAscii[l]}{random.Next(1, 999)}@{Choose(random, SeedModel.ClientEmailDomains)}");
                    }
                    var hasEmail = converted >= 0 || random.NextDouble() < 0.95;
                    var phone = !hasEmail || random.NextDouble() < 0.65 ? Choose(random, pool.Phones) : null;

                    DateOnly? eventDate = random.NextDouble() < 0.85
                        ? SeedModel.ToDate(created + ((type == 0 ? random.Next(90, 540) : random.Next(10, 120)) * SeedModel.Day))
                        : null;
                    var venue = type is 0 or 1 or 7 && random.NextDouble() < 0.6 ? Choose(random, SeedCatalog.Venues) : null;
                    int? guests = type == 0 && random.NextDouble() < 0.7 ? random.Next(40, 250) : type == 7 && random.NextDouble() < 0.5 ? random.Next(50, 400) : null;
                    decimal? budget = random.NextDouble() < 0.7
                        ? (type == 0 ? random.Next(8, 50) * 500m : random.Next(6, 60) * 50m)
                        : null;
                    var source = SeedModel.Pick(random, SeedCatalog.LeadSourceWeights);
                    var message = random.NextDouble() < 0.85
                        ? string.Format(CultureInfo.InvariantCulture, Choose(random, type is 0 or 7 ? SeedCatalog.CelebrationMessages : SeedCatalog.SessionMessages),
                            SeedCatalog.Noun(typeName), venue ?? "our venue",
                            eventDate?.ToString("MMMM d, yyyy", dateFormat) ?? "next summer", SourceLabels[source], guests ?? 120)
                        : null;

                    w.StartRow();
                    w.Uuid(m.StudioId[s]);
                    w.Uuid(m.LeadId[i]);
                    w.Text(first);
                    w.Text(last);
                    w.Text(partner);
                    w.Citext(hasEmail ? email : null);
                    w.Text(phone);
                    w.Text(typeName);
                    w.Date(eventDate);
                    w.Text(venue);
                    w.Int(guests);
                    w.Money(budget);
                    w.Char(budget is null ? null : currency);
                    w.Text(SeedCatalog.LeadSources[source]);
                    w.Text(message);
                    w.Text(LeadStatuses[status]);
                    w.Text(LeadStatuses[status] == "lost" && random.NextDouble() < 0.8 ? Choose(random, SeedCatalog.LostReasons) : null);
                    w.UuidAt(m.AdminId, status == 0 && random.NextDouble() < 0.6 ? -1 : random.NextDouble() < 0.85 ? PickWorker(m, random, s) : -1);
                    w.UuidAt(m.ClientId, converted);
                    var updated = status == 0 ? created : Clamp(m, created + (random.Next(1, 30 * 24) * SeedModel.Hour));
                    w.Instant(created);
                    w.Instant(updated);
                    // The stage the status belongs to, entered at the last change; an open lead left
                    // alone long ago is flagged stale, as the hourly job would have done.
                    w.Text(LeadStages[status]);
                    w.Instant(updated);
                    var lastActivity = Math.Max(updated, created + InteractionsSpan);
                    w.Instant(status <= 3 && m.AnchorMs - lastActivity > StaleDays ? lastActivity + StaleDays : 0);
                    tick.Row();
                }
            }
        });

    public static readonly SeedTableLoad LeadInteractions = new(SeedTables.LeadInteractions,
        "studio_id, id, lead_id, kind, direction, summary, body, occurred_at, created_by, created_at, updated_at",
        (m, w, tick, studios) =>
        {
            string[] kinds = ["call", "email", "meeting", "note"];
            int[] kindWeights = [25, 40, 10, 25];
            for (var s = studios.From; s < studios.To; s++)
            {
                var random = RandomFor(m, SeedTables.LeadInteractions, s);
                var leadStart = m.Shape.Start(SeedTables.Leads, s);
                var leads = m.Shape.Count(SeedTables.Leads, s);
                var rows = m.Shape.Count(SeedTables.LeadInteractions, s);
                for (var l = 0; l < leads; l++)
                {
                    // Lead l owns interactions [l * rows / leads, (l + 1) * rows / leads): about the same for each.
                    var n = (int)(((long)(l + 1) * rows / leads) - ((long)l * rows / leads));
                    var lead = leadStart + l;
                    var at = m.LeadCreated[lead];
                    for (var j = 0; j < n; j++)
                    {
                        string kind, summary;
                        string? direction, body;
                        var createdBy = -1;
                        if (j == 0)
                        {
                            kind = "inquiry";
                            direction = "inbound";
                            summary = Choose(random, SeedCatalog.InquirySummaries);
                            body = null;
                        }
                        else
                        {
                            at = Clamp(m, at + (random.Next(4, 6 * 24) * SeedModel.Hour));
                            kind = kinds[SeedModel.Pick(random, kindWeights)];
                            direction = kind switch
                            {
                                "call" or "email" => random.NextDouble() < 0.7 ? "outbound" : "inbound",
                                _ => null,
                            };
                            summary = kind switch
                            {
                                "call" => Choose(random, SeedCatalog.CallSummaries),
                                "email" => Choose(random, SeedCatalog.EmailSummaries),
                                "meeting" => Choose(random, SeedCatalog.MeetingSummaries),
                                _ => Choose(random, SeedCatalog.NoteSummaries),
                            };
                            body = random.NextDouble() < 0.4 ? Choose(random, SeedCatalog.InteractionBodies) : null;
                            createdBy = PickWorker(m, random, s);
                        }
                        w.StartRow();
                        w.Uuid(m.StudioId[s]);
                        w.Uuid(SeedIds.V7(at, random));
                        w.Uuid(m.LeadId[lead]);
                        w.Text(kind);
                        w.Text(direction);
                        w.Text(summary);
                        w.Text(body);
                        w.Instant(at);
                        w.UuidAt(m.AdminId, createdBy);
                        w.Instant(at);
                        w.Instant(at);
                        tick.Row();
                    }
                }
            }
        });

    public static readonly SeedTableLoad LeadDocuments = new(SeedTables.LeadDocuments,
        "studio_id, id, lead_id, file_name, content_type, byte_size, storage_key, sha256, uploaded_by, created_at, updated_at",
        (m, w, tick, studios) =>
        {
            for (var s = studios.From; s < studios.To; s++)
            {
                var random = RandomFor(m, SeedTables.LeadDocuments, s);
                var leadStart = m.Shape.Start(SeedTables.Leads, s);
                var leads = m.Shape.Count(SeedTables.Leads, s);
                for (var k = 0; k < m.Shape.Count(SeedTables.LeadDocuments, s); k++)
                {
                    var lead = leadStart + random.Next(leads);
                    var created = Clamp(m, m.LeadCreated[lead] + (random.Next(0, 5 * 24) * SeedModel.Hour));
                    var fileName = Choose(random, SeedCatalog.LeadDocumentNames);
                    var id = SeedIds.V7(created, random);
                    w.StartRow();
                    w.Uuid(m.StudioId[s]);
                    w.Uuid(id);
                    w.Uuid(m.LeadId[lead]);
                    w.Text(fileName);
                    w.Text(ContentType(fileName));
                    w.Long(random.Next(30_000, 8_000_000));
                    w.Text($"lead-documents/{id:N}{Path.GetExtension(fileName)}");
                    w.Text(SeedIds.Hex(random));
                    // Files sent with the inquiry form have no uploader on the team.
                    w.UuidAt(m.AdminId, random.NextDouble() < 0.6 ? PickWorker(m, random, s) : -1);
                    w.Instant(created);
                    w.Instant(created);
                    tick.Row();
                }
            }
        });
}
