namespace Tally.Data.Seeding;

/// <summary>
/// The skeleton of a seed: ids and the few facts that child rows need about their parents (whose
/// client a session is, when it starts, what a quote totals). Built once, single-threaded and
/// deterministically, before any row is written; the table writers then read it from any thread.
/// Everything is in flat arrays indexed by the global row number of the table.
/// </summary>
internal sealed partial class SeedModel
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

    // The arrays themselves and the Build* steps that fill them are in the other SeedModel.*.cs parts,
    // one per entity group, in the order the constructor builds them.

    public static long ToMs(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    public static DateTime ToUtc(long ms) => DateTime.UnixEpoch.AddMilliseconds(ms);

    public static DateOnly ToDate(long ms) => DateOnly.FromDateTime(ToUtc(ms));

    public SeedCity City(int studio) => Shape.Studios[studio].City;

    public LocalePool Locale(int studio) => Pools.For(City(studio).Locale);

    /// <summary>The earliest instant of a studio's transactional history (at most three years back).</summary>
    public long HistoryStart(int studio) => Math.Max(StudioCreated[studio] + Day, AnchorMs - (3 * 365 * Day));

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
