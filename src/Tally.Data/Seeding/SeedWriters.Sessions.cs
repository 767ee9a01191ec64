using System.Globalization;
using System.Text.Json;

namespace Tally.Data.Seeding;

internal static partial class SeedWriters
{
    private static readonly string[] AdHocTasks = ["Send thank-you card", "Ask for a review", "Share sneak peek on Instagram", "Order client gift", "Backup verified (two locations)"];

    public static readonly SeedTableLoad Sessions = new(SeedTables.Sessions,
        "studio_id, id, client_id, session_type, title, starts_at, ends_at, location_name, address, latitude, longitude, status, package_name, package_price, currency, assigned_to, notes, created_at, updated_at",
        (m, w, tick, studios) =>
        {
            for (var s = studios.From; s < studios.To; s++)
            {
                var random = RandomFor(m, SeedTables.Sessions, s);
                var start = m.Shape.Start(SeedTables.Sessions, s);
                var pool = m.Locale(s);
                var city = m.City(s);
                for (var i = start; i < start + m.Shape.Count(SeedTables.Sessions, s); i++)
                {
                    var type = m.SessionTypeName(i);
                    var status = m.SessionStatus[i];
                    var priced = status != SeedModel.Inquiry || random.NextDouble() < 0.5;
                    var located = m.SessionStart[i] != 0 && random.NextDouble() < 0.9;
                    var mapped = located && random.NextDouble() < 0.85;
                    w.StartRow();
                    w.Uuid(m.StudioId[s]);
                    w.Uuid(m.SessionId[i]);
                    w.Uuid(m.ClientId[m.SessionClient[i]]);
                    w.Text(type);
                    w.Text(m.SessionTitle(s, i));
                    w.Instant(m.SessionStart[i]);
                    w.Instant(m.SessionEnd[i]);
                    w.Text(located ? (type is "wedding" or "event" or "engagement" ? Choose(random, SeedCatalog.Venues) : Choose(random, SeedCatalog.PortraitLocations)) : null);
                    w.Text(located ? $"{Choose(random, pool.Streets)}, {city.Name}" : null);
                    w.Money(mapped ? Math.Round((decimal)(city.Latitude + ((random.NextDouble() - 0.5) * 0.5)), 6) : null);
                    w.Money(mapped ? Math.Round((decimal)(city.Longitude + ((random.NextDouble() - 0.5) * 0.5)), 6) : null);
                    w.Text(SeedModel.SessionStatusNames[status]);
                    w.Text(priced ? m.Package(i).Name : null);
                    w.Money(priced ? m.SessionPrice[i] : null);
                    w.Char(priced ? city.Currency : null);
                    w.UuidAt(m.AdminId, random.NextDouble() < 0.85 ? PickWorker(m, random, s) : -1);
                    w.Text(random.NextDouble() < 0.25 ? Choose(random, SeedCatalog.SessionNotes) : null);
                    w.Instant(m.SessionCreated[i]);
                    w.Instant(Clamp(m, m.SessionCreated[i] + (random.Next(0, 60) * SeedModel.Day)));
                    tick.Row();
                }
            }
        });

    /// <summary>The steps JSON of each template slot of a studio (one per session type, then a destination wedding).</summary>
    private static readonly string[] TemplateSteps = BuildTemplateSteps();

    private static string[] BuildTemplateSteps()
    {
        var steps = new string[SeedTables.TemplatesPerStudio];
        for (var k = 0; k < steps.Length; k++)
        {
            var type = k < SeedCatalog.SessionTypes.Length ? SeedCatalog.SessionTypes[k] : "wedding";
            var list = SeedCatalog.TimelineSteps[type].Select(x => new { title = x.Title, offset_days = x.OffsetDays }).ToList();
            if (k >= SeedCatalog.SessionTypes.Length)
            {
                list.Insert(4, new { title = "Travel and accommodation booked", offset_days = -45 });
                list.Insert(6, new { title = "Welcome dinner coverage", offset_days = -1 });
            }
            steps[k] = JsonSerializer.Serialize(list);
        }
        return steps;
    }

    public static readonly SeedTableLoad TimelineTemplates = new(SeedTables.TimelineTemplates,
        "studio_id, id, session_type, name, description, steps, is_default, created_at, updated_at",
        (m, w, tick, studios) =>
        {
            for (var s = studios.From; s < studios.To; s++)
            {
                for (var k = 0; k < SeedTables.TemplatesPerStudio; k++)
                {
                    var isDefault = k < SeedCatalog.SessionTypes.Length;
                    var type = isDefault ? SeedCatalog.SessionTypes[k] : "wedding";
                    var created = m.StudioCreated[s] + SeedModel.Day + (k * SeedModel.Minute);
                    w.StartRow();
                    w.Uuid(m.StudioId[s]);
                    w.Uuid(m.TemplateId[m.Shape.Start(SeedTables.TimelineTemplates, s) + k]);
                    w.Text(type);
                    w.Text(isDefault ? $"{SeedCatalog.Label(type)} workflow" : "Destination wedding workflow");
                    w.Text(isDefault ? $"The standard task list for every {SeedCatalog.Label(type).ToLowerInvariant()}." : "For weddings abroad: travel, welcome dinner, two shooting days.");
                    w.Jsonb(TemplateSteps[k]);
                    w.Bool(isDefault);
                    w.Instant(created);
                    w.Instant(created);
                    tick.Row();
                }
            }
        });

    public static readonly SeedTableLoad SessionTimelines = new(SeedTables.SessionTimelines,
        "studio_id, id, session_id, template_id, title, notes, due_date, sort_order, completed_at, completed_by, created_at, updated_at",
        (m, w, tick, studios) =>
        {
            for (var s = studios.From; s < studios.To; s++)
            {
                var random = RandomFor(m, SeedTables.SessionTimelines, s);
                var sessionStart = m.Shape.Start(SeedTables.Sessions, s);
                var sessions = m.Shape.Count(SeedTables.Sessions, s);
                var rows = m.Shape.Count(SeedTables.SessionTimelines, s);
                var templateStart = m.Shape.Start(SeedTables.TimelineTemplates, s);
                for (var k = 0; k < sessions; k++)
                {
                    var session = sessionStart + k;
                    var n = (int)(((long)(k + 1) * rows / sessions) - ((long)k * rows / sessions));
                    var steps = SeedCatalog.TimelineSteps[m.SessionTypeName(session)];
                    var day = m.SessionStart[session] != 0 ? m.SessionStart[session] : m.SessionCreated[session] + (30 * SeedModel.Day);
                    var cancelled = m.SessionStatus[session] == SeedModel.Cancelled;
                    for (var j = 0; j < n; j++)
                    {
                        // Spread the rows over the template's steps; extra rows are ad hoc tasks.
                        var fromTemplate = j < steps.Length;
                        var step = fromTemplate ? steps[n <= steps.Length ? j * steps.Length / n : j] : default;
                        var title = fromTemplate ? step.Title : AdHocTasks[(j - steps.Length) % AdHocTasks.Length];
                        var due = day + ((fromTemplate ? step.OffsetDays : 7 + j) * SeedModel.Day);
                        var done = !cancelled && due < m.AnchorMs && random.NextDouble() < 0.92;
                        var completedAt = done ? Clamp(m, Math.Max(m.SessionCreated[session], due + (random.Next(-48, 48) * SeedModel.Hour))) : 0;
                        w.StartRow();
                        w.Uuid(m.StudioId[s]);
                        w.Uuid(SeedIds.V7(m.SessionCreated[session] + j, random));
                        w.Uuid(m.SessionId[session]);
                        w.UuidAt(m.TemplateId, fromTemplate ? templateStart + m.SessionType[session] : -1);
                        w.Text(title);
                        w.Text(random.NextDouble() < 0.05 ? "Client asked to move this by a week." : null);
                        w.Date(SeedModel.ToDate(due));
                        w.Int(j);
                        w.Instant(completedAt);
                        w.UuidAt(m.AdminId, done && random.NextDouble() < 0.9 ? PickWorker(m, random, s) : -1);
                        w.Instant(m.SessionCreated[session]);
                        w.Instant(done ? completedAt : m.SessionCreated[session]);
                        tick.Row();
                    }
                }
            }
        });
}
