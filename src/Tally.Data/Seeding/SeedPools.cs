using System.Globalization;
using System.Net;
using System.Text;
using Bogus;

namespace Tally.Data.Seeding;

/// <summary>
/// Realistic values made once by Bogus (fixed seed) and then picked by index: names, streets and
/// phone numbers of one locale. Picking from pools keeps the hot loop of the large seed free of
/// per-row Bogus calls while the values stay those of a real address book.
/// </summary>
internal sealed class LocalePool
{
    public required string[] FirstNames { get; init; }
    public required string[] LastNames { get; init; }
    /// <summary>ASCII lower-case forms of <see cref="FirstNames"/>, for email local parts.</summary>
    public required string[] FirstNamesAscii { get; init; }
    /// <summary>ASCII lower-case forms of <see cref="LastNames"/>, for email local parts.</summary>
    public required string[] LastNamesAscii { get; init; }
    public required string[] Streets { get; init; }
    public required string[] Towns { get; init; }
    public required string[] PostalCodes { get; init; }
    public required string[] Phones { get; init; }

    public static LocalePool Create(string locale, int seed)
    {
        var faker = new Faker(locale) { Random = new Randomizer(seed) };
        var first = Distinct(300, () => faker.Name.FirstName());
        var last = Distinct(300, () => faker.Name.LastName());
        return new LocalePool
        {
            FirstNames = first,
            LastNames = last,
            FirstNamesAscii = first.Select(SeedText.AsciiLower).ToArray(),
            LastNamesAscii = last.Select(SeedText.AsciiLower).ToArray(),
            Streets = Make(200, () => faker.Address.StreetAddress()),
            Towns = Distinct(60, () => faker.Address.City()),
            PostalCodes = Make(200, () => faker.Address.ZipCode()),
            Phones = Make(300, () => faker.Phone.PhoneNumber()),
        };
    }

    private static string[] Make(int count, Func<string> next)
    {
        var values = new string[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = SeedText.Clip(next().Trim(), 40);
        }
        return values;
    }

    // Locales with few distinct values simply yield a shorter pool.
    private static string[] Distinct(int count, Func<string> next)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 0; attempt < count * 4 && set.Count < count; attempt++)
        {
            var value = next().Trim();
            if (value.Length > 0 && value.Length <= 40 && SeedText.AsciiLower(value).Length > 0)
            {
                set.Add(value);
            }
        }
        return set.Order(StringComparer.Ordinal).ToArray();
    }
}

/// <summary>The pools of every locale a seed uses, plus addresses and browsers of gallery visitors.</summary>
internal sealed class SeedPools
{
    private readonly Dictionary<string, LocalePool> _locales;

    private SeedPools(Dictionary<string, LocalePool> locales, IPAddress[] ips)
    {
        _locales = locales;
        Ips = ips;
    }

    public IPAddress[] Ips { get; }

    public LocalePool For(string locale) => _locales[locale];

    public static SeedPools Create(IEnumerable<string> locales, int seed)
    {
        var map = new Dictionary<string, LocalePool>(StringComparer.Ordinal);
        foreach (var locale in locales.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            map[locale] = LocalePool.Create(locale, seed ^ SeedText.StableHash(locale));
        }
        var random = new Random(seed);
        var ips = new IPAddress[4000];
        for (var i = 0; i < ips.Length; i++)
        {
            // Public-looking IPv4 addresses (first octet 11..223, skipping private and loopback ranges).
            int a;
            do
            {
                a = random.Next(11, 224);
            }
            while (a is 127 or 172 or 192 or 100 or 169);
            ips[i] = new IPAddress(new[] { (byte)a, (byte)random.Next(0, 256), (byte)random.Next(0, 256), (byte)random.Next(1, 255) });
        }
        return new SeedPools(map, ips);
    }
}

/// <summary>Small text helpers shared by the seeders.</summary>
internal static class SeedText
{
    /// <summary>Lower-case ASCII letters only: "Zoë O'Brien" becomes "zoeobrien".</summary>
    public static string AsciiLower(string value)
    {
        var decomposed = value.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (c is >= 'a' and <= 'z')
            {
                builder.Append(c);
            }
            else if (c is >= 'A' and <= 'Z')
            {
                builder.Append((char)(c + 32));
            }
        }
        return builder.ToString();
    }

    /// <summary>A URL slug: lower-case ASCII letters and digits separated by single hyphens.</summary>
    public static string Slug(string value, int maxLength = 60)
    {
        var decomposed = value.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var hyphen = false;
        foreach (var c in decomposed)
        {
            var lower = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (hyphen && builder.Length > 0)
                {
                    builder.Append('-');
                }
                builder.Append(lower);
                hyphen = false;
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                hyphen = true;
            }
            if (builder.Length >= maxLength)
            {
                break;
            }
        }
        return builder.ToString().TrimEnd('-');
    }

    public static string Clip(string value, int maxLength) => value.Length <= maxLength ? value : value[..maxLength].TrimEnd();

    /// <summary>A hash of a string that does not change between processes (unlike string.GetHashCode).</summary>
    public static int StableHash(string value)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in value)
            {
                hash = (hash ^ c) * 16777619;
            }
            return hash & int.MaxValue;
        }
    }
}
