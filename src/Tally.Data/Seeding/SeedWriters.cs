namespace Tally.Data.Seeding;

/// <summary>
/// The row writers of every base table, one file per feature. Each writer walks the studios in
/// order and draws from its own seeded <see cref="Random"/>, so any table can be written on any
/// thread once its parents are in, and the result is the same every time.
/// </summary>
internal static partial class SeedWriters
{
    /// <summary>Every table, parents before children (the order of a single-connection seed).</summary>
    public static IReadOnlyList<SeedTableLoad> All =>
    [
        Studios, AdminUsers, AdminInvitations, Clients, ClientInvitations, Leads, LeadInteractions, LeadDocuments,
        Sessions, TimelineTemplates, SessionTimelines, Quotes, Contracts, Payments, Documents,
        GallerySettings, Galleries, GalleryImages, GalleryAccessLog,
    ];

    /// <summary>One generator per table and studio: the rows of a studio do not depend on how the load is split.</summary>
    private static Random RandomFor(SeedModel m, string table, int studio) => new(m.Shape.SeedFor("rows." + table) ^ (studio * 7919));

    /// <summary>A team member who works shoots and leads (anyone but a bookkeeper); the owner if none.</summary>
    private static int PickWorker(SeedModel m, Random random, int studio)
    {
        var start = m.Shape.Start(SeedTables.AdminUsers, studio);
        var count = m.Shape.Count(SeedTables.AdminUsers, studio);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var admin = start + random.Next(count);
            if (m.AdminRole[admin] != SeedModel.Bookkeeper)
            {
                return admin;
            }
        }
        return start;
    }

    private static long Clamp(SeedModel m, long unixMs) => Math.Min(unixMs, m.AnchorMs - SeedModel.Minute);

    private static T Choose<T>(Random random, T[] values) => values[random.Next(values.Length)];

    private static string ContentType(string fileName) => Path.GetExtension(fileName) switch
    {
        ".pdf" => "application/pdf",
        ".jpg" => "image/jpeg",
        ".png" => "image/png",
        ".xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    };
}
