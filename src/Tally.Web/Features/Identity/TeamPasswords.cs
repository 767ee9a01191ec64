using Microsoft.AspNetCore.Identity;
using Tally.Data.Security;

namespace Tally.Web.Features.Identity;

/// <summary>
/// Team members' passwords through ASP.NET Core Identity's PasswordHasher (PBKDF2-HMAC-SHA512,
/// 100,000 iterations, salted; the format records its parameters, so stronger settings later
/// rehash on the next sign-in).
/// </summary>
public sealed class TeamPasswords
{
    private readonly PasswordHasher<TeamPasswords> _hasher = new();

    // A hash of a random secret nobody knows: checked when no account matches an address, so an
    // unknown address costs the same hashing as a wrong password.
    private readonly Lazy<string> _decoy;

    public TeamPasswords()
    {
        _decoy = new(() => _hasher.HashPassword(this, Secrets.New()));
    }

    public string Hash(string password) => _hasher.HashPassword(this, password);

    public PasswordVerificationResult Verify(string hash, string password)
    {
        try
        {
            return _hasher.VerifyHashedPassword(this, hash, password);
        }
        catch (FormatException)
        {
            // A stored value that is not a hash of this format matches no password.
            return PasswordVerificationResult.Failed;
        }
    }

    /// <summary>Spends the time of one verification and fails.</summary>
    public void VerifyDecoy(string password) => _hasher.VerifyHashedPassword(this, _decoy.Value, password);
}
