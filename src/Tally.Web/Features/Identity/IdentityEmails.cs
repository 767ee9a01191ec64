using System.Globalization;
using MimeKit;

namespace Tally.Web.Features.Identity;

/// <summary>The messages of the sign-in flows: plain text, the link on a line of its own.</summary>
internal static class IdentityEmails
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-GB");

    public static MimeMessage Invitation(string to, string studioName, string inviterName, string role, Uri link, DateTime expiresAtUtc) =>
        Message(to, $"You are invited to join {studioName} on Tally", $"""
            Hello,

            {inviterName} invited you to join the team of {studioName} on Tally, as {Article(role)} {role}.

            Choose your name and password here:

            {link}

            The link works once and expires on {Format(expiresAtUtc)} (UTC).
            If you were not expecting this invitation, ignore this message.
            """);

    public static MimeMessage PasswordReset(string to, string fullName, string studioName, Uri link) =>
        Message(to, $"Reset your Tally password for {studioName}", $"""
            Hello {fullName},

            Someone (we hope you) asked to reset the password of your Tally account at {studioName}.
            Choose a new password here:

            {link}

            The link works once, within one hour. If you did not ask, ignore this message:
            your password stays as it is.
            """);

    private static MimeMessage Message(string to, string subject, string text)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = text } };
        message.To.Add(MailboxAddress.Parse(to));
        return message;
    }

    private static string Article(string role) => role.Length > 0 && "aeiou".Contains(role[0], StringComparison.Ordinal) ? "an" : "a";

    private static string Format(DateTime utc) => utc.ToString("d MMMM yyyy, HH:mm", Culture);
}
