namespace Tally.Data.Seeding;

/// <summary>The base tables the seeders fill, in an order that satisfies every foreign key.</summary>
internal static class SeedTables
{
    public const string Studios = "studios";
    public const string AdminUsers = "admin_users";
    public const string AdminInvitations = "admin_invitations";
    public const string Clients = "clients";
    public const string ClientInvitations = "client_invitations";
    public const string Leads = "leads";
    public const string LeadInteractions = "lead_interactions";
    public const string LeadDocuments = "lead_documents";
    public const string Sessions = "sessions";
    public const string TimelineTemplates = "timeline_templates";
    public const string SessionTimelines = "session_timelines";
    public const string Quotes = "quotes";
    public const string Contracts = "contracts";
    public const string Payments = "payments";
    public const string Documents = "documents";
    public const string GallerySettings = "gallery_settings";
    public const string Galleries = "galleries";
    public const string GalleryImages = "gallery_images";
    public const string GalleryAccessLog = "gallery_access_log";

    /// <summary>The audit trail: written after the base tables and sealed per studio (<see cref="AuditTrailSeeder"/>).</summary>
    public const string AuditLog = "audit_log";

    /// <summary>Per-studio configuration rows: one per session type (plus one extra wedding template).</summary>
    public const int TemplatesPerStudio = 10;
    public const int GallerySettingsPerStudio = 9;
}

/// <summary>One studio of a seed.</summary>
internal sealed record StudioSpec(string Slug, string Name, SeedCity City, int YearsInBusiness);

/// <summary>
/// What a seed holds: its studios and, for every table, how many rows each studio gets. Row i of a
/// table belongs to the studio whose [Start, Start + Count) range contains i.
/// </summary>
internal sealed class SeedShape
{
    private readonly Dictionary<string, int[]> _starts = new(StringComparer.Ordinal);

    public SeedShape(int seed, DateTime anchorUtc, StudioSpec[] studios, Dictionary<string, int[]> counts)
    {
        Seed = seed;
        Anchor = DateTime.SpecifyKind(anchorUtc, DateTimeKind.Utc);
        Studios = studios;
        Counts = counts;
        counts[SeedTables.Studios] = Enumerable.Repeat(1, studios.Length).ToArray();
        counts[SeedTables.TimelineTemplates] = Enumerable.Repeat(SeedTables.TemplatesPerStudio, studios.Length).ToArray();
        counts[SeedTables.GallerySettings] = Enumerable.Repeat(SeedTables.GallerySettingsPerStudio, studios.Length).ToArray();
        Clamp(SeedTables.ClientInvitations, SeedTables.Clients);   // one open invitation per client at most
        Clamp(SeedTables.Contracts, SeedTables.Quotes);            // contract k of a studio comes from quote k
        foreach (var (table, perStudio) in counts)
        {
            var starts = new int[perStudio.Length + 1];
            for (var s = 0; s < perStudio.Length; s++)
            {
                starts[s + 1] = checked(starts[s] + perStudio[s]);
            }
            _starts[table] = starts;
        }
    }

    public int Seed { get; }

    /// <summary>"Now" of the data: midnight UTC of the day the seed runs. Everything before it is history.</summary>
    public DateTime Anchor { get; }

    public StudioSpec[] Studios { get; }

    public Dictionary<string, int[]> Counts { get; }

    public int Start(string table, int studio) => _starts[table][studio];

    public int Count(string table, int studio) => Counts[table][studio];

    public int Total(string table) => _starts[table][^1];

    /// <summary>A seed for one purpose (a table, a phase) that does not depend on run order or threads.</summary>
    public int SeedFor(string purpose) => Seed ^ SeedText.StableHash(purpose);

    private void Clamp(string table, string parent)
    {
        var rows = Counts[table];
        var parents = Counts[parent];
        for (var s = 0; s < rows.Length; s++)
        {
            rows[s] = Math.Min(rows[s], parents[s]);
        }
    }

    /// <summary>
    /// Splits <paramref name="total"/> rows over studios: studio 0 takes <paramref name="largestShare"/>,
    /// the others share the rest by weight (largest remainder), each getting at least <paramref name="minimum"/>.
    /// </summary>
    public static int[] Allocate(int total, double[] weights, double largestShare, int minimum)
    {
        var n = weights.Length;
        var counts = new int[n];
        counts[0] = (int)Math.Round(total * largestShare);
        var rest = total - counts[0] - (minimum * (n - 1));
        if (rest < 0)
        {
            throw new ArgumentException($"{total} rows cannot give {n - 1} studios {minimum} each");
        }
        var weightSum = 0.0;
        for (var s = 1; s < n; s++)
        {
            weightSum += weights[s];
        }
        var remainders = new (double Fraction, int Studio)[n - 1];
        var given = 0;
        for (var s = 1; s < n; s++)
        {
            var exact = rest * weights[s] / weightSum;
            var whole = (int)Math.Floor(exact);
            counts[s] = minimum + whole;
            given += whole;
            remainders[s - 1] = (exact - whole, s);
        }
        Array.Sort(remainders, (a, b) => b.Fraction.CompareTo(a.Fraction) is var c && c != 0 ? c : a.Studio.CompareTo(b.Studio));
        for (var i = 0; i < rest - given; i++)
        {
            counts[remainders[i].Studio]++;
        }
        return counts;
    }
}
