using Tally.Web.Infrastructure.Mail;

namespace Tally.Web.Features.Portal;

/// <summary>
/// The portal's mail goes through the shared outbox: sent after the request, so "we sent you a link"
/// takes the same time whether or not there was anyone to send it to.
/// </summary>
internal sealed class PortalMail(MailOutbox outbox)
{
    public static string Url(HttpContext http, string pathAndQuery) => PublicLinks.For(http, pathAndQuery).ToString();

    public void Send(MimeKit.MimeMessage message) => outbox.Enqueue(message);
}
