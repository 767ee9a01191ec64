using Tally.Data.Security;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.ApiTokens;

/// <summary>What the "create a token" form may ask for, and how it is checked.</summary>
internal static class ApiTokenForm
{
    /// <summary>Lifetimes offered, in days; empty means the token does not expire.</summary>
    public static readonly IReadOnlyList<string> Lifetimes = ["30", "90", "365", ""];

    public const string DefaultLifetime = "90";

    /// <summary>The roles someone acting as <paramref name="role"/> may give a token, highest first.</summary>
    public static IReadOnlyList<string> GrantableRoles(string role) =>
        [.. AccessTokens.Roles.Where(r => AccessTokens.RoleGrants(role, r))];

    /// <summary>
    /// What to fix, by the field's name; the page shows <see cref="Messages"/> for it. A code rather
    /// than a sentence in the redirect, so nobody can make the page display a text of their own.
    /// </summary>
    public static string? Problem(RequestClaims claims, string? name, string? role, string? lifetime)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > AccessTokens.MaxNameLength)
        {
            return "name";
        }
        if (role is null || !GrantableRoles(claims.Role).Contains(role))
        {
            return "role";
        }
        return Lifetimes.Contains(lifetime ?? "") ? null : "lifetime";
    }

    public static readonly IReadOnlyDictionary<string, string> Messages = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["name"] = $"Give the token a name of 1 to {AccessTokens.MaxNameLength} characters, saying what it is for.",
        ["role"] = "Choose a role of at most your own.",
        ["lifetime"] = "Choose how long the token works: 30, 90 or 365 days, or no expiry.",
    };

    public static DateTimeOffset? ExpiresAt(string? lifetime) =>
        string.IsNullOrEmpty(lifetime) ? null : DateTimeOffset.UtcNow.AddDays(int.Parse(lifetime, System.Globalization.CultureInfo.InvariantCulture));
}
