using System.Text.RegularExpressions;
using Tally.Web.Infrastructure.Mail;

namespace Tally.Tests.Identity;

/// <summary>The one-time links in the mail the app sent.</summary>
internal static partial class MailLinks
{
    /// <summary>The path and query of the first link to <paramref name="path"/> in the newest matching mail to <paramref name="to"/>.</summary>
    public static async Task<string> WaitForLinkAsync(LocalMailbox mailbox, string to, string path, int skip = 0)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var links = mailbox.Messages
                .Where(m => string.Equals(m.To, to, StringComparison.OrdinalIgnoreCase))
                .Select(m => Link().Match(m.TextBody))
                .Where(m => m.Success && m.Groups[1].Value == path)
                .Select(m => m.Groups[1].Value + m.Groups[2].Value)
                .ToList();
            if (links.Count > skip)
            {
                return links[skip];
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No mail to {to} with a link to {path}; mail so far: {string.Join("; ", mailbox.Messages.Select(m => $"{m.To}: {m.Subject}"))}");
            }
            await Task.Delay(50);
        }
    }

    public static string Token(string link) => link[(link.IndexOf("token=", StringComparison.Ordinal) + "token=".Length)..];

    [GeneratedRegex(@"https?://[^/\s]+(/[a-z/-]+)(\?token=[A-Za-z0-9_-]+)")]
    private static partial Regex Link();
}
