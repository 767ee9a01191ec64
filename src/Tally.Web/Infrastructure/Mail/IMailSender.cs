using MimeKit;

namespace Tally.Web.Infrastructure.Mail;

/// <summary>Sends one message now; most code queues mail in the <see cref="MailOutbox"/> instead.</summary>
public interface IMailSender
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}
