namespace Tally.Data.Seeding;

// Sessions (shoots) and the per-studio timeline templates.
internal sealed partial class SeedModel
{
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
}
