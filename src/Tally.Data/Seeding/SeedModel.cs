using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Tally.Data.Seeding;

/// <summary>
/// The skeleton of a seed: ids and the few facts that child rows need about their parents (whose
/// client a session is, when it starts, what a quote totals). Built once, single-threaded and
/// deterministically, before any row is written; the table writers then read it from any thread.
/// Everything is in flat arrays indexed by the global row number of the table.
/// </summary>
internal sealed class SeedModel
{
    public const long Minute = 60_000L;
    public const long Hour = 60 * Minute;
    public const long Day = 24 * Hour;

    public const byte Owner = 0, Admin = 1, Staff = 2, Bookkeeper = 3;
    public static readonly string[] RoleNames = ["owner", "admin", "staff", "bookkeeper"];

    public const byte Inquiry = 0, Booked = 1, Completed = 2, Delivered = 3, Cancelled = 4;
    public static readonly string[] SessionStatusNames = ["inquiry", "booked", "completed", "delivered", "cancelled"];

    public const byte QuoteDraft = 0, QuoteSent = 1, QuoteAccepted = 2, QuoteDeclined = 3, QuoteExpired = 4;
    public static readonly string[] QuoteStatusNames = ["draft", "sent", "accepted", "declined", "expired"];

    public const byte ContractDraft = 0, ContractSent = 1, ContractSigned = 2, ContractVoid = 3;
    public static readonly string[] ContractStatusNames = ["draft", "sent", "signed", "void"];

    public const byte GalleryDraft = 0, GalleryPublished = 1, GalleryArchived = 2;
    public static readonly string[] GalleryStatusNames = ["draft", "published", "archived"];

    public static readonly string[] ClientEmailDomains = ["example.com", "example.net", "example.org", "mail.test", "inbox.test"];

    public SeedModel(SeedShape shape)
    {
        Shape = shape;
        Pools = SeedPools.Create(shape.Studios.Select(s => s.City.Locale), shape.Seed);
        AnchorMs = ToMs(shape.Anchor);
        BuildStudios();
        BuildAdmins();
        BuildClients();
        BuildLeads();
        BuildSessions();
        BuildTemplates();
        BuildQuotes();
        BuildContracts();
        BuildGalleries();
    }

    public SeedShape Shape { get; }
    public SeedPools Pools { get; }
    public long AnchorMs { get; }

    public Guid[] StudioId { get; private set; } = [];
    public long[] StudioCreated { get; private set; } = [];

    public Guid[] AdminId { get; private set; } = [];
    public byte[] AdminRole { get; private set; } = [];
    public long[] AdminCreated { get; private set; } = [];

    public Guid[] ClientId { get; private set; } = [];
    public long[] ClientCreated { get; private set; } = [];
    public short[] ClientFirst { get; private set; } = [];
    public short[] ClientLast { get; private set; } = [];
    /// <summary>Pool index of the partner's first name, or -1.</summary>
    public short[] ClientPartner { get; private set; } = [];

    public Guid[] LeadId { get; private set; } = [];
    public long[] LeadCreated { get; private set; } = [];

    public Guid[] SessionId { get; private set; } = [];
    public int[] SessionClient { get; private set; } = [];
    public byte[] SessionType { get; private set; } = [];
    public byte[] SessionPackage { get; private set; } = [];
    public long[] SessionCreated { get; private set; } = [];
    /// <summary>Start of the shoot in unix ms, or 0 when not scheduled yet.</summary>
    public long[] SessionStart { get; private set; } = [];
    public long[] SessionEnd { get; private set; } = [];
    public byte[] SessionStatus { get; private set; } = [];
    public decimal[] SessionPrice { get; private set; } = [];

    /// <summary>Per studio, <see cref="SeedTables.TemplatesPerStudio"/> ids: one per session type, then a second wedding template.</summary>
    public Guid[] TemplateId { get; private set; } = [];

    public Guid[] QuoteId { get; private set; } = [];
    public int[] QuoteClient { get; private set; } = [];
    public int[] QuoteSession { get; private set; } = [];
    public int[] QuoteLead { get; private set; } = [];
    public byte[] QuoteStatus { get; private set; } = [];
    public long[] QuoteCreated { get; private set; } = [];
    public long[] QuoteSentAt { get; private set; } = [];
    public long[] QuoteRespondedAt { get; private set; } = [];
    public string[] QuoteTitle { get; private set; } = [];
    public string[] QuoteItems { get; private set; } = [];
    public decimal[] QuoteSubtotal { get; private set; } = [];
    public decimal[] QuoteDiscount { get; private set; } = [];
    public decimal[] QuoteTax { get; private set; } = [];
    public decimal[] QuoteTotal { get; private set; } = [];

    public Guid[] ContractId { get; private set; } = [];
    public int[] ContractQuote { get; private set; } = [];
    public byte[] ContractStatus { get; private set; } = [];
    public long[] ContractCreated { get; private set; } = [];
    public long[] ContractSentAt { get; private set; } = [];
    public long[] ContractSignedAt { get; private set; } = [];

    public Guid[] GalleryId { get; private set; } = [];
    public int[] GallerySession { get; private set; } = [];
    public byte[] GalleryStatus { get; private set; } = [];
    public long[] GalleryCreated { get; private set; } = [];
    public long[] GalleryPublishedAt { get; private set; } = [];
    /// <summary>Images of gallery g are ImageId[GalleryImageStart[g] .. GalleryImageStart[g + 1]).</summary>
    public int[] GalleryImageStart { get; private set; } = [];
    public Guid[] ImageId { get; private set; } = [];

    public static long ToMs(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    public static DateTime ToUtc(long ms) => DateTime.UnixEpoch.AddMilliseconds(ms);

    public static DateOnly ToDate(long ms) => DateOnly.FromDateTime(ToUtc(ms));

    public SeedCity City(int studio) => Shape.Studios[studio].City;

    public LocalePool Locale(int studio) => Pools.For(City(studio).Locale);

    /// <summary>The earliest instant of a studio's transactional history (at most three years back).</summary>
    public long HistoryStart(int studio) => Math.Max(StudioCreated[studio] + Day, AnchorMs - (3 * 365 * Day));

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

    public string StudioDomain(int studio) => Shape.Studios[studio].Slug + ".test";

    public string SessionTypeName(int session) => SeedCatalog.SessionTypes[SessionType[session]];

    public SeedPackage Package(int session) => SeedCatalog.Packages[SessionTypeName(session)][SessionPackage[session]];

    public string SessionTitle(int studio, int session)
    {
        var client = SessionClient[session];
        var type = SessionTypeName(session);
        var label = SeedCatalog.Label(type);
        var partner = ClientPartnerName(studio, client);
        return type switch
        {
            "wedding" or "engagement" when partner is not null => $"{ClientFirstName(studio, client)} & {partner} {label}",
            "family" or "newborn" => $"The {ClientLastName(studio, client)} {label}",
            _ => $"{ClientFirstName(studio, client)} {ClientLastName(studio, client)} {label}",
        };
    }

    /// <summary>Picks an index by weight.</summary>
    public static int Pick(Random random, int[] weights)
    {
        var total = 0;
        foreach (var w in weights)
        {
            total += w;
        }
        var r = random.Next(total);
        for (var i = 0; i < weights.Length; i++)
        {
            r -= weights[i];
            if (r < 0)
            {
                return i;
            }
        }
        return weights.Length - 1;
    }

    /// <summary>
    /// A sorted run of random instants in [from, to), so rows created later get later ids. The
    /// density grows linearly with time: a growing business, with a busy recent pipeline.
    /// </summary>
    private static void SortedTimes(Random random, long[] target, int start, int count, long from, long to)
    {
        var span = Math.Max(1, to - from);
        for (var i = 0; i < count; i++)
        {
            target[start + i] = from + (long)(Math.Sqrt(random.NextDouble()) * span);
        }
        Array.Sort(target, start, count);
    }

    private void BuildStudios()
    {
        var random = new Random(Shape.SeedFor("model.studios"));
        var n = Shape.Studios.Length;
        StudioId = new Guid[n];
        StudioCreated = new long[n];
        for (var s = 0; s < n; s++)
        {
            StudioCreated[s] = AnchorMs - (Shape.Studios[s].YearsInBusiness * 365 * Day) - (random.Next(0, 200) * Day) + (random.Next(8 * 60, 18 * 60) * Minute);
            StudioId[s] = SeedIds.V7(StudioCreated[s], random);
        }
    }

    private void BuildAdmins()
    {
        var random = new Random(Shape.SeedFor("model.admin_users"));
        var total = Shape.Total(SeedTables.AdminUsers);
        AdminId = new Guid[total];
        AdminRole = new byte[total];
        AdminCreated = new long[total];
        for (var s = 0; s < Shape.Studios.Length; s++)
        {
            var start = Shape.Start(SeedTables.AdminUsers, s);
            var count = Shape.Count(SeedTables.AdminUsers, s);
            for (var k = 0; k < count; k++)
            {
                var i = start + k;
                // The first three of every studio: the owner, a staff photographer, the bookkeeper.
                AdminRole[i] = k switch
                {
                    0 => Owner,
                    1 => Staff,
                    2 => Bookkeeper,
                    _ => (byte)Pick(random, [0, 20, 70, 10]),
                };
                AdminCreated[i] = k == 0 ? StudioCreated[s] + Minute : StudioCreated[s] + (long)(random.NextDouble() * (AnchorMs - StudioCreated[s] - Day));
                AdminId[i] = SeedIds.V7(AdminCreated[i], random);
            }
        }
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

    private void BuildSessions()
    {
        var random = new Random(Shape.SeedFor("model.sessions"));
        var total = Shape.Total(SeedTables.Sessions);
        SessionId = new Guid[total];
        SessionClient = new int[total];
        SessionType = new byte[total];
        SessionPackage = new byte[total];
        SessionCreated = new long[total];
        SessionStart = new long[total];
        SessionEnd = new long[total];
        SessionStatus = new byte[total];
        SessionPrice = new decimal[total];
        for (var s = 0; s < Shape.Studios.Length; s++)
        {
            var start = Shape.Start(SeedTables.Sessions, s);
            var count = Shape.Count(SeedTables.Sessions, s);
            var clientStart = Shape.Start(SeedTables.Clients, s);
            var clientCount = Shape.Count(SeedTables.Clients, s);
            var offsetHours = City(s).UtcOffsetHours;
            SortedTimes(random, SessionCreated, start, count, HistoryStart(s), AnchorMs - Hour);
            for (var i = start; i < start + count; i++)
            {
                // A client books after becoming a client: pick among those created before the session.
                var known = UpperBound(ClientCreated, clientStart, clientCount, SessionCreated[i]);
                SessionClient[i] = clientStart + random.Next(Math.Max(1, known));
                var type = Pick(random, SeedCatalog.SessionTypeWeights);
                SessionType[i] = (byte)type;
                var packages = SeedCatalog.Packages[SeedCatalog.SessionTypes[type]];
                SessionPackage[i] = (byte)random.Next(packages.Length);
                var package = packages[SessionPackage[i]];
                SessionPrice[i] = random.Next(package.MinPrice / 50, (package.MaxPrice / 50) + 1) * 50m;

                var leadDays = type == 0 ? random.Next(60, 420) : random.Next(10, 75);
                var day = ((SessionCreated[i] / Day) + leadDays) * Day;
                var localStart = type == 0 ? random.Next(11, 15) : random.Next(9, 17);
                SessionStart[i] = day + ((localStart - offsetHours) * Hour) + (random.Next(0, 4) * 15 * Minute);
                SessionEnd[i] = SessionStart[i] + (package.Hours * Hour);

                var r = random.NextDouble();
                if (SessionStart[i] > AnchorMs)
                {
                    SessionStatus[i] = r < 0.06 ? Cancelled : r < 0.16 ? Inquiry : Booked;
                    if (SessionStatus[i] == Inquiry && r < 0.11)
                    {
                        SessionStart[i] = 0; // an inquiry without a date yet
                        SessionEnd[i] = 0;
                    }
                }
                else
                {
                    SessionStatus[i] = r < 0.06 ? Cancelled
                        : SessionEnd[i] > AnchorMs - (45 * Day) && r < 0.75 ? Completed
                        : r < 0.97 ? Delivered : Completed;
                }
                SessionId[i] = SeedIds.V7(SessionCreated[i], random);
            }
        }
    }

    private void BuildTemplates()
    {
        var random = new Random(Shape.SeedFor("model.timeline_templates"));
        TemplateId = new Guid[Shape.Total(SeedTables.TimelineTemplates)];
        for (var s = 0; s < Shape.Studios.Length; s++)
        {
            for (var k = 0; k < SeedTables.TemplatesPerStudio; k++)
            {
                TemplateId[Shape.Start(SeedTables.TimelineTemplates, s) + k] = SeedIds.V7(StudioCreated[s] + Day + (k * Minute), random);
            }
        }
    }

    private void BuildQuotes()
    {
        var random = new Random(Shape.SeedFor("model.quotes"));
        var total = Shape.Total(SeedTables.Quotes);
        QuoteId = new Guid[total];
        QuoteClient = new int[total];
        QuoteSession = new int[total];
        QuoteLead = new int[total];
        QuoteStatus = new byte[total];
        QuoteCreated = new long[total];
        QuoteSentAt = new long[total];
        QuoteRespondedAt = new long[total];
        QuoteTitle = new string[total];
        QuoteItems = new string[total];
        QuoteSubtotal = new decimal[total];
        QuoteDiscount = new decimal[total];
        QuoteTax = new decimal[total];
        QuoteTotal = new decimal[total];
        var buffer = new ArrayBufferWriter<byte>(1024);
        for (var s = 0; s < Shape.Studios.Length; s++)
        {
            var start = Shape.Start(SeedTables.Quotes, s);
            var count = Shape.Count(SeedTables.Quotes, s);
            var contracts = Shape.Count(SeedTables.Contracts, s);
            var sessionStart = Shape.Start(SeedTables.Sessions, s);
            var sessionCount = Shape.Count(SeedTables.Sessions, s);
            var leadStart = Shape.Start(SeedTables.Leads, s);
            var leadCount = Shape.Count(SeedTables.Leads, s);
            var taxRate = City(s).TaxRate;
            for (var k = 0; k < count; k++)
            {
                var i = start + k;
                var contracted = k < contracts;
                QuoteClient[i] = QuoteSession[i] = QuoteLead[i] = -1;
                SeedPackage package;
                string type;
                decimal basePrice;
                if (!contracted && random.NextDouble() < 0.2 && leadCount > 0)
                {
                    // A proposal to a prospect who is not a client yet.
                    var lead = leadStart + random.Next(leadCount);
                    QuoteLead[i] = lead;
                    type = SeedCatalog.SessionTypes[Pick(random, SeedCatalog.SessionTypeWeights)];
                    var packages = SeedCatalog.Packages[type];
                    package = packages[random.Next(packages.Length)];
                    basePrice = random.Next(package.MinPrice / 50, (package.MaxPrice / 50) + 1) * 50m;
                    QuoteCreated[i] = Math.Min(LeadCreated[lead] + (random.Next(1, 10) * Day), AnchorMs - Hour);
                    QuoteTitle[i] = $"{package.Name} proposal";
                }
                else
                {
                    var session = sessionStart + random.Next(sessionCount);
                    for (var attempt = 0; contracted && attempt < 8 && SessionStatus[session] is Inquiry or Cancelled; attempt++)
                    {
                        session = sessionStart + random.Next(sessionCount);
                    }
                    QuoteSession[i] = session;
                    QuoteClient[i] = SessionClient[session];
                    type = SessionTypeName(session);
                    package = Package(session);
                    basePrice = SessionPrice[session];
                    QuoteCreated[i] = Math.Min(SessionCreated[session] + (random.Next(0, 72) * Hour), AnchorMs - Hour);
                    QuoteTitle[i] = $"{package.Name}: {SessionTitle(s, session)}";
                }

                var age = AnchorMs - QuoteCreated[i];
                var r = random.NextDouble();
                QuoteStatus[i] = contracted ? QuoteAccepted
                    : age < 30 * Day ? (r < 0.3 ? QuoteDraft : QuoteSent)
                    : r < 0.05 ? QuoteDraft : r < 0.5 ? QuoteDeclined : QuoteExpired;
                if (QuoteStatus[i] != QuoteDraft)
                {
                    QuoteSentAt[i] = Math.Min(QuoteCreated[i] + (random.Next(1, 48) * Hour), AnchorMs - Minute);
                }
                if (QuoteStatus[i] is QuoteAccepted or QuoteDeclined)
                {
                    QuoteRespondedAt[i] = Math.Min(QuoteSentAt[i] + (random.Next(4, 240) * Hour), AnchorMs - Minute);
                }

                // Line items: the package, then a few add-ons.
                buffer.Clear();
                using (var json = new Utf8JsonWriter(buffer))
                {
                    json.WriteStartArray();
                    var subtotal = WriteItem(json, package.Name, 1, basePrice);
                    var addOns = type == "wedding" ? SeedCatalog.WeddingAddOns : SeedCatalog.PortraitAddOns;
                    var extra = random.Next(0, type == "wedding" ? 4 : 3);
                    var first = random.Next(addOns.Length);
                    for (var a = 0; a < extra; a++)
                    {
                        var addOn = addOns[(first + a) % addOns.Length];
                        subtotal += WriteItem(json, addOn.Description, addOn.Description.StartsWith("Additional", StringComparison.Ordinal) ? random.Next(1, 4) : 1, addOn.UnitPrice);
                    }
                    json.WriteEndArray();
                    json.Flush();
                    var discount = random.NextDouble() < 0.15 ? Math.Round(subtotal * random.Next(5, 11) / 100m / 50m, MidpointRounding.AwayFromZero) * 50m : 0m;
                    var tax = Math.Round((subtotal - discount) * taxRate, 2, MidpointRounding.AwayFromZero);
                    QuoteSubtotal[i] = subtotal;
                    QuoteDiscount[i] = discount;
                    QuoteTax[i] = tax;
                    QuoteTotal[i] = subtotal - discount + tax;
                }
                QuoteItems[i] = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
                QuoteId[i] = SeedIds.V7(QuoteCreated[i], random);
            }
        }
    }

    private static decimal WriteItem(Utf8JsonWriter json, string description, int quantity, decimal unitPrice)
    {
        var amount = quantity * unitPrice;
        json.WriteStartObject();
        json.WriteString("description", description);
        json.WriteNumber("quantity", quantity);
        json.WriteNumber("unit_price", unitPrice);
        json.WriteNumber("amount", amount);
        json.WriteEndObject();
        return amount;
    }

    private void BuildContracts()
    {
        var random = new Random(Shape.SeedFor("model.contracts"));
        var total = Shape.Total(SeedTables.Contracts);
        ContractId = new Guid[total];
        ContractQuote = new int[total];
        ContractStatus = new byte[total];
        ContractCreated = new long[total];
        ContractSentAt = new long[total];
        ContractSignedAt = new long[total];
        for (var s = 0; s < Shape.Studios.Length; s++)
        {
            var start = Shape.Start(SeedTables.Contracts, s);
            var quoteStart = Shape.Start(SeedTables.Quotes, s);
            for (var k = 0; k < Shape.Count(SeedTables.Contracts, s); k++)
            {
                var i = start + k;
                var quote = quoteStart + k; // the accepted quotes come first in every studio
                ContractQuote[i] = quote;
                ContractCreated[i] = Math.Min(QuoteRespondedAt[quote] + (random.Next(1, 24) * Hour), AnchorMs - Minute);
                ContractId[i] = SeedIds.V7(ContractCreated[i], random);
                var r = random.NextDouble();
                if (r < 0.03)
                {
                    ContractStatus[i] = ContractDraft;
                    continue;
                }
                ContractSentAt[i] = Math.Min(ContractCreated[i] + (random.Next(1, 24) * Hour), AnchorMs - Minute);
                ContractSignedAt[i] = ContractSentAt[i] + (random.Next(2, 144) * Hour);
                if (ContractSignedAt[i] >= AnchorMs)
                {
                    ContractStatus[i] = ContractSent;
                    ContractSignedAt[i] = 0;
                }
                else
                {
                    ContractStatus[i] = r < 0.07 ? ContractVoid : ContractSigned;
                    if (ContractStatus[i] == ContractVoid && r < 0.05)
                    {
                        ContractSignedAt[i] = 0; // voided before anyone signed
                    }
                }
            }
        }
    }

    private void BuildGalleries()
    {
        var random = new Random(Shape.SeedFor("model.galleries"));
        var total = Shape.Total(SeedTables.Galleries);
        GalleryId = new Guid[total];
        GallerySession = new int[total];
        GalleryStatus = new byte[total];
        GalleryCreated = new long[total];
        GalleryPublishedAt = new long[total];
        GalleryImageStart = new int[total + 1];
        ImageId = new Guid[Shape.Total(SeedTables.GalleryImages)];
        var imageRandom = new Random(Shape.SeedFor("model.gallery_images"));
        var eligible = new List<int>();
        for (var s = 0; s < Shape.Studios.Length; s++)
        {
            var start = Shape.Start(SeedTables.Galleries, s);
            var count = Shape.Count(SeedTables.Galleries, s);
            eligible.Clear();
            for (var i = Shape.Start(SeedTables.Sessions, s); i < Shape.Start(SeedTables.Sessions, s) + Shape.Count(SeedTables.Sessions, s); i++)
            {
                if (SessionStatus[i] is Completed or Delivered)
                {
                    eligible.Add(i);
                }
            }
            // Shuffle so galleries spread over the whole history, then deliver each shoot once where possible.
            for (var i = eligible.Count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (eligible[i], eligible[j]) = (eligible[j], eligible[i]);
            }
            var imageStart = Shape.Start(SeedTables.GalleryImages, s);
            var imageCount = Shape.Count(SeedTables.GalleryImages, s);
            for (var k = 0; k < count; k++)
            {
                var g = start + k;
                var session = eligible.Count > 0
                    ? eligible[k % eligible.Count]
                    : Shape.Start(SeedTables.Sessions, s) + random.Next(Shape.Count(SeedTables.Sessions, s));
                GallerySession[g] = session;
                var shot = SessionEnd[session] > 0 ? SessionEnd[session] : SessionCreated[session];
                GalleryCreated[g] = Math.Min(shot + (random.Next(1, 7) * Day) + (random.Next(0, 600) * Minute), AnchorMs - Hour);
                var published = GalleryCreated[g] + (random.Next(5, 40) * Day);
                if (published >= AnchorMs || random.NextDouble() < 0.04)
                {
                    GalleryStatus[g] = GalleryDraft;
                }
                else
                {
                    GalleryPublishedAt[g] = published;
                    GalleryStatus[g] = published < AnchorMs - (400 * Day) && random.NextDouble() < 0.5 ? GalleryArchived : GalleryPublished;
                }
                GalleryId[g] = SeedIds.V7(GalleryCreated[g], random);

                // Images in contiguous blocks per gallery.
                var first = imageStart + (int)((long)k * imageCount / count);
                var next = imageStart + (int)((long)(k + 1) * imageCount / count);
                GalleryImageStart[g] = first;
                for (var m = first; m < next; m++)
                {
                    ImageId[m] = SeedIds.V7(GalleryCreated[g] + ((m - first) * 1000L), imageRandom);
                }
            }
        }
        GalleryImageStart[total] = ImageId.Length;
    }

    /// <summary>How many of values[start .. start + count) are at most <paramref name="value"/> (the run is sorted).</summary>
    private static int UpperBound(long[] values, int start, int count, long value)
    {
        int lo = 0, hi = count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (values[start + mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
