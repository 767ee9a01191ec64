using System.Buffers.Binary;

namespace Tally.Data.Seeding;

/// <summary>
/// UUIDv7 (RFC 9562) for seeded rows: the timestamp is the row's own creation instant and the random
/// bits come from the seed's <see cref="Random"/>, so a seed is repeatable and rows created later
/// sort later in every (studio_id, id) index, exactly as ids from Guid.CreateVersion7() would.
/// </summary>
internal static class SeedIds
{
    public static Guid V7(DateTime utc, Random random) => V7(new DateTimeOffset(utc, TimeSpan.Zero).ToUnixTimeMilliseconds(), random);

    public static Guid V7(long unixMilliseconds, Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes[6..]);
        // 48-bit big-endian timestamp: write 64 bits of (ms << 16) and let the random bytes follow.
        BinaryPrimitives.WriteUInt64BigEndian(bytes, ((ulong)unixMilliseconds << 16) | ((ulong)bytes[6] << 8) | bytes[7]);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F)); // version 7
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F)); // variant 10
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>A random lower-case hex string of <paramref name="bytes"/> bytes (sha-256 sized by default).</summary>
    public static string Hex(Random random, int bytes = 32)
    {
        Span<byte> buffer = stackalloc byte[64];
        var span = buffer[..bytes];
        random.NextBytes(span);
        return Convert.ToHexStringLower(span);
    }
}
