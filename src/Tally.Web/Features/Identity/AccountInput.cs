using System.Text.RegularExpressions;

namespace Tally.Web.Features.Identity;

/// <summary>
/// What the identity forms accept, checked before anything reaches the database: the same rules
/// as the admin_users constraints, plus the password policy.
/// </summary>
public static partial class AccountInput
{
    public const int MaxEmailLength = 254;
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 256;
    public const int MaxNameLength = 200;

    /// <summary>Longer passwords are refused at sign-in without hashing, so a huge body costs nothing.</summary>
    public const int MaxSignInPasswordLength = 1024;

    /// <summary>The address trimmed, when it has the shape admin_users_email_format accepts; otherwise null.</summary>
    public static string? NormalizeEmail(string? email)
    {
        var trimmed = email?.Trim();
        return trimmed is { Length: > 0 and <= MaxEmailLength } && !HasControl(trimmed) && EmailShape().IsMatch(trimmed) ? trimmed : null;
    }

    /// <summary>Null when the new password is acceptable; otherwise the sentence to show.</summary>
    public static string? PasswordProblem(string? password, string? confirmation, string email)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "Enter a password.";
        }
        if (password.Length < MinPasswordLength)
        {
            return $"Use at least {MinPasswordLength} characters; a short phrase of several words is easy to remember.";
        }
        if (password.Length > MaxPasswordLength)
        {
            return $"Use at most {MaxPasswordLength} characters.";
        }
        if (HasControl(password))
        {
            return "The password contains a control character; use letters, digits, spaces and punctuation.";
        }
        if (string.Equals(password.Trim(), email, StringComparison.OrdinalIgnoreCase))
        {
            return "Do not use your email address as your password.";
        }
        if (!string.Equals(password, confirmation, StringComparison.Ordinal))
        {
            return "The two passwords are not the same.";
        }
        return null;
    }

    /// <summary>The name trimmed, when admin_users_full_name_length accepts it; otherwise null.</summary>
    public static string? NormalizeName(string? name)
    {
        var trimmed = name?.Trim();
        return trimmed is { Length: > 0 and <= MaxNameLength } && !HasControl(trimmed) ? trimmed : null;
    }

    // PostgreSQL text cannot hold NUL, and no address, name or typed password has control characters.
    private static bool HasControl(string value) => value.Any(char.IsControl);

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();
}
