using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Tally.Data.Security;

/// <summary>
/// Random secrets sent to people (API tokens, portal sign-in and invitation links) and the hashes
/// the database keeps instead of them.
/// </summary>
public static class Secrets
{
    /// <summary>256 bits: guessing is hopeless, so a fast hash (no salt, no stretching) is enough.</summary>
    public const int Bytes = 32;

    /// <summary>Base64url characters of a <see cref="Bytes"/>-byte secret, unpadded.</summary>
    public const int EncodedLength = 43;

    /// <summary>A fresh secret: <paramref name="prefix"/> then 32 random bytes, base64url without padding.</summary>
    public static string New(string prefix = "") => prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(Bytes));

    /// <summary>Lower-case hex SHA-256 of the whole text: what token_hash columns hold.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>True when the text after <paramref name="prefix"/> has exactly the shape <see cref="New"/> makes.</summary>
    public static bool IsWellFormed(string? secret, string prefix = "")
    {
        if (secret is null || secret.Length != prefix.Length + EncodedLength || !secret.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }
        foreach (var c in secret.AsSpan(prefix.Length))
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }
        return true;
    }
}
