using System.Globalization;

namespace Tally.Data.Seeding;

internal static partial class SeedWriters
{
    private static readonly string[] AccessActions = ["view", "download", "favorite", "share"];
    private static readonly int[] AccessActionWeights = [70, 12, 12, 6];
    private static readonly (int Width, int Height)[] Cameras = [(6000, 4000), (8192, 5464), (8256, 5504), (6240, 4160)];

    public static readonly SeedTableLoad GallerySettings = new(SeedTables.GallerySettings,
        "studio_id, id, session_type, default_expiry_days, allow_downloads, download_resolution, require_password, watermark_enabled, watermark_text, allow_favorites, notify_client_on_publish, created_at, updated_at",
        (m, w, tick, studios) =>
        {
            for (var s = studios.From; s < studios.To; s++)
            {
                var random = RandomFor(m, SeedTables.GallerySettings, s);
                for (var k = 0; k < SeedTables.GallerySettingsPerStudio; k++)
                {
                    var type = SeedCatalog.SessionTypes[k];
                    var created = m.StudioCreated[s] + SeedModel.Day + (k * SeedModel.Minute);
                    var watermark = type is "portrait" or "event" or "corporate" && random.NextDouble() < 0.5;
                    w.StartRow();
                    w.Uuid(m.StudioId[s]);
                    w.Uuid(SeedIds.V7(created, random));
                    w.Text(type);
                    w.Int(type switch
                    {
                        "wedding" => (int?)365,
                        "corporate" or "event" => 90,
                        "boudoir" => 60,
                        "other" => null,
                        _ => 180,
                    });
                    w.Bool(type != "boudoir" || random.NextDouble() < 0.5);
                    w.Text(type is "wedding" or "corporate" or "family" ? "original" : "web");
                    w.Bool(type == "boudoir");
                    w.Bool(watermark);
                    w.Text(watermark ? $"© {m.Shape.Studios[s].Name}" : null);
                    w.Bool(true);
                    w.Bool(type != "corporate");
                    w.Instant(created);
                    w.Instant(created);
                    tick.Row();
                }
            }
        });

    public static readonly SeedTableLoad Galleries = new(SeedTables.Galleries,
        "studio_id, id, session_id, client_id, title, slug, description, access_secret_hash, expires_at, allow_downloads, download_resolution, status, published_at, cover_image_id, created_at, updated_at",
        (m, w, tick, studios) =>
        {
            for (var s = studios.From; s < studios.To; s++)
            {
                var random = RandomFor(m, SeedTables.Galleries, s);
                var start = m.Shape.Start(SeedTables.Galleries, s);
                for (var k = 0; k < m.Shape.Count(SeedTables.Galleries, s); k++)
                {
                    var g = start + k;
                    var session = m.GallerySession[g];
                    var title = m.SessionTitle(s, session);
                    var published = m.GalleryPublishedAt[g];
                    var expires = published != 0 && (m.GalleryStatus[g] == SeedModel.GalleryArchived || random.NextDouble() < 0.6)
                        ? published + (365 * SeedModel.Day)
                        : 0;
                    var images = m.GalleryImageStart[g + 1] - m.GalleryImageStart[g];
                    // The cover is one of the gallery's own images; the FK is deferred while the images load.
                    var cover = images > 0 && (published != 0 || random.NextDouble() < 0.5) ? m.GalleryImageStart[g] + random.Next(images) : -1;
                    w.StartRow();
                    w.Uuid(m.StudioId[s]);
                    w.Uuid(m.GalleryId[g]);
                    w.Uuid(m.SessionId[session]);
                    w.Uuid(m.ClientId[m.SessionClient[session]]);
                    w.Text(title);
                    var slug = SeedText.Slug(title);
                    w.Text(string.Create(CultureInfo.InvariantCulture, $"{(slug.Length > 0 ? slug : "gallery")}-{k + 1}"));
                    w.Text(random.NextDouble() < 0.3 ? "Thank you for letting us be part of your day. Favourite your best-loved images to start your album." : null);
                    // Gallery passwords arrive with the galleries work (its hashing scheme decides the format).
                    w.Text(null);
                    w.Instant(expires);
                    w.Bool(random.NextDouble() < 0.85);
                    w.Text(random.NextDouble() < 0.5 ? "original" : "web");
                    w.Text(SeedModel.GalleryStatusNames[m.GalleryStatus[g]]);
                    w.Instant(published);
                    w.UuidAt(m.ImageId, cover);
                    w.Instant(m.GalleryCreated[g]);
                    w.Instant(Math.Max(m.GalleryCreated[g], published));
                    tick.Row();
                }
            }
        });

    public static readonly SeedTableLoad GalleryImages = new(SeedTables.GalleryImages,
        "studio_id, id, gallery_id, file_name, storage_key, content_type, width, height, byte_size, sort_order, taken_at, is_favorite, created_at, updated_at",
        (m, w, tick, studios) =>
        {
            for (var s = studios.From; s < studios.To; s++)
            {
                var random = RandomFor(m, SeedTables.GalleryImages, s);
                var prefix = SeedCatalog.ImagePrefixes[s % SeedCatalog.ImagePrefixes.Length];
                var start = m.Shape.Start(SeedTables.Galleries, s);
                for (var g = start; g < start + m.Shape.Count(SeedTables.Galleries, s); g++)
                {
                    var first = m.GalleryImageStart[g];
                    var count = m.GalleryImageStart[g + 1] - first;
                    var session = m.GallerySession[g];
                    var shootStart = m.SessionStart[session];
                    var shootLength = m.SessionEnd[session] - shootStart;
                    var camera = Cameras[random.Next(Cameras.Length)];
                    var number = random.Next(1000, 8000);
                    var galleryKey = m.GalleryId[g].ToString("N");
                    for (var j = 0; j < count; j++)
                    {
                        var portrait = random.NextDouble() < 0.3;
                        var fileName = string.Create(CultureInfo.InvariantCulture, $"{prefix}_{number + j}.jpg");
                        w.StartRow();
                        w.Uuid(m.StudioId[s]);
                        w.Uuid(m.ImageId[first + j]);
                        w.Uuid(m.GalleryId[g]);
                        w.Text(fileName);
                        w.Text($"galleries/{galleryKey}/{fileName}");
                        w.Text("image/jpeg");
                        w.Int(portrait ? camera.Height : camera.Width);
                        w.Int(portrait ? camera.Width : camera.Height);
                        w.Long(random.Next(9_000_000, 32_000_000));
                        w.Int(j);
                        w.Instant(shootStart == 0 ? 0 : shootStart + (shootLength * j / Math.Max(1, count)) + random.Next(0, 60_000));
                        w.Bool(random.NextDouble() < 0.06);
                        w.Instant(m.GalleryCreated[g] + (j * 1000L));
                        w.Instant(m.GalleryCreated[g] + (j * 1000L));
                        tick.Row();
                    }
                }
            }
        });

    private struct AccessRow
    {
        public long At;
        public int Gallery;
        public int Image;
        public int Client;
        public short Ip;
        public byte Action;
        public byte Agent;
    }

    public static readonly SeedTableLoad GalleryAccessLog = new(SeedTables.GalleryAccessLog,
        "studio_id, id, gallery_id, client_id, image_id, action, ip, user_agent, accessed_at",
        (m, w, tick, studios) =>
        {
            var visible = new List<int>();
            var buffer = Array.Empty<AccessRow>();
            for (var s = studios.From; s < studios.To; s++)
            {
                var random = RandomFor(m, SeedTables.GalleryAccessLog, s);
                var rows = m.Shape.Count(SeedTables.GalleryAccessLog, s);
                var start = m.Shape.Start(SeedTables.Galleries, s);
                var galleries = m.Shape.Count(SeedTables.Galleries, s);
                if (rows == 0)
                {
                    continue;
                }
                visible.Clear();
                for (var g = start; g < start + galleries; g++)
                {
                    if (m.GalleryPublishedAt[g] != 0)
                    {
                        visible.Add(g);
                    }
                }
                if (visible.Count == 0)
                {
                    visible.AddRange(Enumerable.Range(start, galleries));
                }
                if (buffer.Length < rows)
                {
                    buffer = new AccessRow[rows];
                }
                for (var k = 0; k < rows; k++)
                {
                    var g = visible[random.Next(visible.Count)];
                    var from = m.GalleryPublishedAt[g] != 0 ? m.GalleryPublishedAt[g] : m.GalleryCreated[g];
                    var span = Math.Max(SeedModel.Minute, m.AnchorMs - SeedModel.Minute - from);
                    // Most visits come in the first weeks after delivery, a long tail afterwards.
                    var offset = (long)(-Math.Log(1 - random.NextDouble()) * 12 * SeedModel.Day);
                    var action = (byte)SeedModel.Pick(random, AccessActionWeights);
                    var images = m.GalleryImageStart[g + 1] - m.GalleryImageStart[g];
                    var withImage = images > 0 && action switch { 0 => random.NextDouble() < 0.65, 1 => random.NextDouble() < 0.7, 2 => true, _ => false };
                    var known = random.NextDouble() < 0.75;
                    var client = m.SessionClient[m.GallerySession[g]];
                    buffer[k] = new AccessRow
                    {
                        At = from + (offset < span ? offset : (long)(random.NextDouble() * span)),
                        Gallery = g,
                        Image = withImage ? m.GalleryImageStart[g] + random.Next(images) : -1,
                        Client = known ? client : -1,
                        // A client comes back from the same two or three devices; guests from anywhere.
                        Ip = (short)(known ? ((client * 3) + random.Next(3)) % m.Pools.Ips.Length : random.Next(m.Pools.Ips.Length)),
                        Agent = (byte)(known ? ((client * 3) + random.Next(2)) % SeedCatalog.UserAgents.Length : random.Next(SeedCatalog.UserAgents.Length)),
                        Action = action,
                    };
                }
                // In time order, so ids (UUIDv7 of accessed_at) arrive in order too.
                Array.Sort(buffer, 0, rows, Comparer<AccessRow>.Create((a, b) => a.At.CompareTo(b.At)));
                for (var k = 0; k < rows; k++)
                {
                    ref var row = ref buffer[k];
                    w.StartRow();
                    w.Uuid(m.StudioId[s]);
                    w.Uuid(SeedIds.V7(row.At, random));
                    w.Uuid(m.GalleryId[row.Gallery]);
                    w.UuidAt(m.ClientId, row.Client);
                    w.UuidAt(m.ImageId, row.Image);
                    w.Text(AccessActions[row.Action]);
                    w.Inet(m.Pools.Ips[row.Ip]);
                    w.Text(SeedCatalog.UserAgents[row.Agent]);
                    w.Instant(row.At);
                    tick.Row();
                }
            }
        });
}
