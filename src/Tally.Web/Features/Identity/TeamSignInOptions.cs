namespace Tally.Web.Features.Identity;

/// <summary>Limits of the sign-in forms, from configuration section Tally:SignIn.</summary>
public sealed class TeamSignInOptions
{
    public const string Section = "Tally:SignIn";

    /// <summary>Wrong passwords in a row that lock an account.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a locked account refuses every password.</summary>
    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Form posts (sign-in, reset, invitation) one IP address may make per <see cref="IpWindow"/>.</summary>
    public int IpPermitLimit { get; set; } = 10;

    public TimeSpan IpWindow { get; set; } = TimeSpan.FromMinutes(1);
}
