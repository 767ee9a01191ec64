using MailKit.Security;

namespace Tally.Web.Infrastructure.Mail;

/// <summary>
/// Outgoing mail, from configuration section Smtp (environment Smtp__Host, Smtp__Port, Smtp__From,
/// Smtp__User, Smtp__Password, Smtp__Security, Smtp__LocalMailDirectory).
/// </summary>
public sealed class MailSettings
{
    public const string Section = "Smtp";

    /// <summary>The SMTP server to relay through. Unset: the local server below, or no mail at all.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>The sender, e.g. "Tally &lt;no-reply@studio.example&gt;".</summary>
    public string From { get; set; } = "Tally <tally@localhost>";

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>MailKit's SecureSocketOptions by name: Auto (STARTTLS when offered), StartTls, SslOnConnect or None.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    /// <summary>
    /// With no <see cref="Host"/>: run an SMTP server on the loopback inside the app and keep every
    /// message as an .eml file here (./tally up and the tests), so nothing leaves the machine.
    /// </summary>
    public string? LocalMailDirectory { get; set; }

    public bool UsesRelay => !string.IsNullOrWhiteSpace(Host);

    public bool UsesLocalServer => !UsesRelay && !string.IsNullOrWhiteSpace(LocalMailDirectory);
}
