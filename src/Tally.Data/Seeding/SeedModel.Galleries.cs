namespace Tally.Data.Seeding;

// Galleries of delivered shoots and the images in each.
internal sealed partial class SeedModel
{
    public Guid[] GalleryId { get; private set; } = [];
    public int[] GallerySession { get; private set; } = [];
    public byte[] GalleryStatus { get; private set; } = [];
    public long[] GalleryCreated { get; private set; } = [];
    public long[] GalleryPublishedAt { get; private set; } = [];
    /// <summary>Images of gallery g are ImageId[GalleryImageStart[g] .. GalleryImageStart[g + 1]).</summary>
    public int[] GalleryImageStart { get; private set; } = [];
    public Guid[] ImageId { get; private set; } = [];

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
}
