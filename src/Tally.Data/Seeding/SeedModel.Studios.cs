namespace Tally.Data.Seeding;

// Studios and their team (admin users): the roots every other row hangs off.
internal sealed partial class SeedModel
{
    public Guid[] StudioId { get; private set; } = [];
    public long[] StudioCreated { get; private set; } = [];

    public Guid[] AdminId { get; private set; } = [];
    public byte[] AdminRole { get; private set; } = [];
    public long[] AdminCreated { get; private set; } = [];

    public string StudioDomain(int studio) => Shape.Studios[studio].Slug + ".test";

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
}
