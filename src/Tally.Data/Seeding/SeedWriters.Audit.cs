using System.Globalization;
using System.Net;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace Tally.Data.Seeding;

internal static partial class SeedWriters
{
    // What a studio's trail is made of, by weight: the creation of its records, changes to them, and
    // the team's sign-ins and exports, as audit.log_change and audit.record_event write them.
    private const int InsertLead = 0, InsertClient = 1, InsertSession = 2, InsertQuote = 3, InsertInteraction = 4, InsertPayment = 5,
        UpdateLead = 6, UpdateSession = 7, UpdateQuote = 8, UpdateClient = 9, DeleteInteraction = 10, SignIn = 11, SignInFailed = 12, Export = 13;
    private static readonly int[] TrailWeights = [14, 5, 7, 4, 16, 6, 18, 8, 5, 4, 1, 9, 1, 2];
    private static readonly string[] AgentPool =
    [
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
        "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
        "tally-api-client/1.4 (+integration)",
    ];
    private static readonly string[] LeadFlow = ["new", "contacted", "qualified", "proposal_sent", "won"];
    private static readonly string[] ClientNotes = ["Prefers email over calls", "Referred by a past couple", "Vegetarian meals for the crew", "Wants a second shooter", "Allergic to lilies"];

    /// <summary>
    /// The large scale's audit trail: per studio, its count of rows spread over its history (the
    /// density growing with time, like its records), each shaped like a row of the audit trigger for
    /// one of the studio's seeded records or like a sign-in event. entry_no and the chain are left
    /// to the database: the identity numbers the rows in COPY order, which is time order within a
    /// studio, and <c>audit.seal</c> chains them afterwards.
    /// </summary>
    public static readonly SeedTableLoad AuditTrail = new(SeedTables.AuditLog,
        "studio_id, occurred_at, table_name, record_id, action, old_values, new_values, changed_fields, user_id, user_role, user_email, user_ip, user_agent, session_id, request_id, metadata",
        (m, w, tick, studios) =>
        {
            var json = new StringBuilder(1024);
            long[] times = [];
            for (var s = studios.From; s < studios.To; s++)
            {
                var random = RandomFor(m, SeedTables.AuditLog, s);
                var count = m.Shape.Count(SeedTables.AuditLog, s);
                if (times.Length < count)
                {
                    times = new long[count];
                }
                var from = m.HistoryStart(s);
                var span = Math.Max(1, m.AnchorMs - SeedModel.Minute - from);
                for (var k = 0; k < count; k++)
                {
                    times[k] = from + (long)(Math.Sqrt(random.NextDouble()) * span);
                }
                Array.Sort(times, 0, count);
                var team = new TrailTeam(m, s);
                for (var k = 0; k < count; k++)
                {
                    WriteTrailRow(m, w, random, json, team, s, times[k]);
                    tick.Row();
                }
            }
        });

    private static void WriteTrailRow(SeedModel m, NpgsqlBinaryImporter w, Random random, StringBuilder json, TrailTeam team, int s, long at)
    {
        var kind = SeedModel.Pick(random, TrailWeights);
        var user = team.Pick(random, kind is SignIn or SignInFailed or Export ? 0 : 1);
        string? table = null, oldValues = null, newValues = null, metadata = null;
        string[]? changed = null;
        var action = "insert";
        var record = Guid.Empty;
        switch (kind)
        {
            case InsertLead or UpdateLead:
                {
                    var lead = Recent(m.LeadCreated, m.Shape.Start(SeedTables.Leads, s), m.Shape.Count(SeedTables.Leads, s), at);
                    table = SeedTables.Leads;
                    record = m.LeadId[lead];
                    var step = random.Next(LeadFlow.Length - 1);
                    var whole = LeadJson(json, m, s, lead, LeadFlow[kind == InsertLead ? 0 : step], m.LeadCreated[lead]);
                    if (kind == InsertLead)
                    {
                        newValues = whole;
                    }
                    else
                    {
                        (action, oldValues, changed) = ("update", whole, ["status"]);
                        newValues = Obj(json, ("status", Str(LeadFlow[step + 1])), ("updated_at", Str(Iso(at))));
                    }
                    break;
                }
            case InsertClient or UpdateClient:
                {
                    var client = Recent(m.ClientCreated, m.Shape.Start(SeedTables.Clients, s), m.Shape.Count(SeedTables.Clients, s), at);
                    table = SeedTables.Clients;
                    record = m.ClientId[client];
                    var whole = Obj(json, ("id", Str(record.ToString())), ("studio_id", Str(m.StudioId[s].ToString())),
                        ("first_name", Str(m.ClientFirstName(s, client))), ("last_name", Str(m.ClientLastName(s, client))),
                        ("partner_name", Str(m.ClientPartnerName(s, client))), ("email", Str(m.ClientEmail(s, client))),
                        ("notes", "null"), ("created_at", Str(Iso(m.ClientCreated[client]))), ("updated_at", Str(Iso(m.ClientCreated[client]))));
                    if (kind == InsertClient)
                    {
                        newValues = whole;
                    }
                    else
                    {
                        (action, oldValues, changed) = ("update", whole, ["notes"]);
                        newValues = Obj(json, ("notes", Str(Choose(random, ClientNotes))), ("updated_at", Str(Iso(at))));
                    }
                    break;
                }
            case InsertSession or UpdateSession:
                {
                    var session = Recent(m.SessionCreated, m.Shape.Start(SeedTables.Sessions, s), m.Shape.Count(SeedTables.Sessions, s), at);
                    table = SeedTables.Sessions;
                    record = m.SessionId[session];
                    var status = kind == InsertSession ? SeedModel.Inquiry : Math.Max(m.SessionStatus[session], SeedModel.Booked);
                    var whole = Obj(json, ("id", Str(record.ToString())), ("studio_id", Str(m.StudioId[s].ToString())),
                        ("client_id", Str(m.ClientId[m.SessionClient[session]].ToString())), ("title", Str(m.SessionTitle(s, session))),
                        ("session_type", Str(m.SessionTypeName(session))), ("status", Str(SeedModel.SessionStatusNames[kind == InsertSession ? status : SeedModel.Inquiry])),
                        ("starts_at", m.SessionStart[session] == 0 ? "null" : Str(Iso(m.SessionStart[session]))),
                        ("ends_at", m.SessionEnd[session] == 0 ? "null" : Str(Iso(m.SessionEnd[session]))),
                        ("price", m.SessionPrice[session].ToString(CultureInfo.InvariantCulture)), ("currency", Str(m.City(s).Currency)),
                        ("created_at", Str(Iso(m.SessionCreated[session]))), ("updated_at", Str(Iso(m.SessionCreated[session]))));
                    if (kind == InsertSession)
                    {
                        newValues = whole;
                    }
                    else
                    {
                        (action, oldValues, changed) = ("update", whole, ["status"]);
                        newValues = Obj(json, ("status", Str(SeedModel.SessionStatusNames[status])), ("updated_at", Str(Iso(at))));
                    }
                    break;
                }
            case InsertQuote or UpdateQuote when m.Shape.Count(SeedTables.Quotes, s) > 0:
                {
                    var quote = Recent(m.QuoteCreated, m.Shape.Start(SeedTables.Quotes, s), m.Shape.Count(SeedTables.Quotes, s), at);
                    table = SeedTables.Quotes;
                    record = m.QuoteId[quote];
                    var whole = Obj(json, ("id", Str(record.ToString())), ("studio_id", Str(m.StudioId[s].ToString())),
                        ("title", Str(m.QuoteTitle[quote])), ("status", Str(kind == InsertQuote ? "draft" : "sent")),
                        ("subtotal", m.QuoteSubtotal[quote].ToString(CultureInfo.InvariantCulture)), ("discount", m.QuoteDiscount[quote].ToString(CultureInfo.InvariantCulture)),
                        ("tax", m.QuoteTax[quote].ToString(CultureInfo.InvariantCulture)), ("total", m.QuoteTotal[quote].ToString(CultureInfo.InvariantCulture)),
                        ("currency", Str(m.City(s).Currency)), ("created_at", Str(Iso(m.QuoteCreated[quote]))), ("updated_at", Str(Iso(m.QuoteCreated[quote]))));
                    if (kind == InsertQuote)
                    {
                        newValues = whole;
                    }
                    else
                    {
                        (action, oldValues, changed) = ("update", whole, ["sent_at", "status"]);
                        var next = SeedModel.QuoteStatusNames[Math.Max(m.QuoteStatus[quote], SeedModel.QuoteSent)];
                        newValues = Obj(json, ("sent_at", Str(Iso(at))), ("status", Str(next)), ("updated_at", Str(Iso(at))));
                    }
                    break;
                }
            case InsertInteraction or DeleteInteraction or InsertQuote or UpdateQuote:
                {
                    var lead = Recent(m.LeadCreated, m.Shape.Start(SeedTables.Leads, s), m.Shape.Count(SeedTables.Leads, s), at);
                    table = SeedTables.LeadInteractions;
                    record = SeedIds.V7(at, random);
                    var whole = Obj(json, ("id", Str(record.ToString())), ("studio_id", Str(m.StudioId[s].ToString())),
                        ("lead_id", Str(m.LeadId[lead].ToString())), ("kind", Str("note")), ("direction", "null"),
                        ("summary", Str(Choose(random, SeedCatalog.NoteSummaries))), ("body", "null"), ("occurred_at", Str(Iso(at))),
                        ("created_by", Str(user.Id.ToString())), ("created_at", Str(Iso(at))), ("updated_at", Str(Iso(at))));
                    (action, oldValues, newValues) = kind == DeleteInteraction ? ("delete", whole, (string?)null) : ("insert", (string?)null, whole);
                    break;
                }
            case InsertPayment:
                {
                    table = SeedTables.Payments;
                    record = SeedIds.V7(at, random);
                    var amount = random.Next(4, 120) * 50m;
                    newValues = Obj(json, ("id", Str(record.ToString())), ("studio_id", Str(m.StudioId[s].ToString())),
                        ("amount", amount.ToString("0.00", CultureInfo.InvariantCulture)), ("currency", Str(m.City(s).Currency)),
                        ("status", Str("succeeded")), ("method", Str(random.NextDouble() < 0.8 ? "card" : "bank_transfer")),
                        ("paid_at", Str(Iso(at))), ("created_at", Str(Iso(at))), ("updated_at", Str(Iso(at))));
                    break;
                }
            default:
                action = kind switch { SignIn => "sign_in", SignInFailed => "sign_in_failed", _ => "export" };
                metadata = kind == Export
                    ? Obj(json, ("kind", Str("leads_csv")), ("rows", random.Next(20, 4000).ToString(CultureInfo.InvariantCulture)))
                    : Obj(json, ("email", Str(user.Email)), ("user_id", kind == SignIn ? Str(user.Id.ToString()) : "null"));
                break;
        }

        w.StartRow();
        w.Uuid(m.StudioId[s]);
        w.Instant(at);
        w.Text(table);
        if (table is null)
        {
            w.WriteNull();
        }
        else
        {
            w.Uuid(record);
        }
        w.Text(action);
        JsonbOrNull(w, oldValues);
        JsonbOrNull(w, newValues);
        if (changed is null)
        {
            w.WriteNull();
        }
        else
        {
            w.Write(changed, NpgsqlDbType.Array | NpgsqlDbType.Text);
        }
        var signedIn = kind != SignInFailed;
        if (signedIn)
        {
            w.Uuid(user.Id);
            w.Text(user.Role);
        }
        else
        {
            w.WriteNull();
            w.WriteNull();
        }
        w.Citext(user.Email);
        w.Inet(user.Ip);
        w.Text(user.Agent);
        w.Text(signedIn ? user.Session(at) : null);
        w.Text(SeedIds.Hex(random, 8));
        JsonbOrNull(w, metadata);
    }

    private static void JsonbOrNull(NpgsqlBinaryImporter w, string? json)
    {
        if (json is null)
        {
            w.WriteNull();
        }
        else
        {
            w.Jsonb(json);
        }
    }

    private static string LeadJson(StringBuilder json, SeedModel m, int s, int lead, string status, long created) =>
        Obj(json, ("id", Str(m.LeadId[lead].ToString())), ("studio_id", Str(m.StudioId[s].ToString())),
            ("status", Str(status)), ("source", Str("website")), ("event_type", Str("wedding")), ("currency", Str(m.City(s).Currency)),
            ("assigned_to", "null"), ("created_at", Str(Iso(created))), ("updated_at", Str(Iso(created))));

    /// <summary>The record of the run created last at or before <paramref name="at"/> (the first when none was).</summary>
    private static int Recent(long[] created, int start, int count, long at)
    {
        int lo = 0, hi = count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (created[start + mid] <= at)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return start + Math.Max(0, lo - 1);
    }

    private static string Iso(long unixMs) => SeedModel.ToUtc(unixMs).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+00:00'", CultureInfo.InvariantCulture);

    private static string Str(string? value)
    {
        if (value is null)
        {
            return "null";
        }
        return value.AsSpan().IndexOfAny('"', '\\') < 0 && !value.Any(char.IsControl)
            ? string.Concat("\"", value, "\"")
            : System.Text.Json.JsonSerializer.Serialize(value);
    }

    private static string Obj(StringBuilder json, params (string Key, string Value)[] fields)
    {
        json.Clear().Append('{');
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                json.Append(", ");
            }
            json.Append('"').Append(fields[i].Key).Append("\": ").Append(fields[i].Value);
        }
        return json.Append('}').ToString();
    }

    /// <summary>Who acts in a studio's trail: its first team members, each with an address, a browser and a few networks.</summary>
    private sealed class TrailTeam
    {
        private readonly (Guid Id, string Role, string Email, IPAddress Ip, string Agent)[] _members;

        public TrailTeam(SeedModel m, int s)
        {
            var start = m.Shape.Start(SeedTables.AdminUsers, s);
            var count = Math.Min(m.Shape.Count(SeedTables.AdminUsers, s), 6);
            _members = new (Guid, string, string, IPAddress, string)[count];
            var random = new Random(m.Shape.SeedFor("audit.team") ^ s);
            for (var k = 0; k < count; k++)
            {
                var local = k switch { 0 => "owner", 1 => "staff", 2 => "bookkeeper", _ => string.Create(CultureInfo.InvariantCulture, $"team{k}") };
                var ip = new IPAddress([(byte)(k % 2 == 0 ? 203 : 198), (byte)(k % 2 == 0 ? 0 : 51), (byte)(k % 2 == 0 ? 113 : 100), (byte)random.Next(1, 255)]);
                _members[k] = (m.AdminId[start + k], SeedModel.RoleNames[m.AdminRole[start + k]], $"{local}@{m.StudioDomain(s)}", ip, AgentPool[random.Next(AgentPool.Length)]);
            }
        }

        /// <summary>A member: the owner half the time, else anyone (bookkeepers only from <paramref name="firstWorker"/> 0).</summary>
        public Member Pick(Random random, int firstWorker)
        {
            var k = random.NextDouble() < 0.5 ? 0 : random.Next(_members.Length);
            if (firstWorker > 0 && _members[k].Role == "bookkeeper")
            {
                k = 0;
            }
            var (id, role, email, ip, agent) = _members[k];
            return new Member(id, role, email, ip, agent);
        }
    }

    private readonly record struct Member(Guid Id, string Role, string Email, IPAddress Ip, string Agent)
    {
        /// <summary>A session id that stays the same for a member through a day, as a sign-in lasts.</summary>
        public string Session(long at) => string.Create(CultureInfo.InvariantCulture, $"{Id.ToString("N")[..12]}-{at / SeedModel.Day:x}");
    }
}
