using System.Globalization;
using MimeKit;

namespace Tally.Web.Features.Portal;

/// <summary>The portal's emails. Plain text: a link in a plain message survives every mail client.</summary>
internal static class PortalMessages
{
    public static MimeMessage SignInLink(IssuedLink link, string url) => Message(link.Email,
        $"Your sign-in link for {link.StudioName}",
        $"""
        Hello {link.FirstName},

        Here is your link to sign in to your client portal at {link.StudioName}:

        {url}

        It works once, until {Utc(link.ExpiresAt)} (15 minutes). If you did not ask for it, ignore this email: nobody can sign in without the link.
        """);

    public static MimeMessage Invitation(string firstName, string email, string studioName, DateTime expiresAt, string url) => Message(email,
        $"{studioName} invites you to your client portal",
        $"""
        Hello {firstName},

        {studioName} has opened a client portal for you: your sessions, quotes, contracts, payments and galleries in one place.

        Open it here:

        {url}

        The link works once, until {Utc(expiresAt)}. Later, sign in with a one-time link sent to this address.
        """);

    private static MimeMessage Message(string to, string subject, string text)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = text } };
        message.To.Add(MailboxAddress.Parse(to));
        return message;
    }

    private static string Utc(DateTime utc) => utc.ToString("d MMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
