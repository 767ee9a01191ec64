using System.Threading.Channels;
using MimeKit;

namespace Tally.Web.Infrastructure.Mail;

/// <summary>
/// Mail queued by a request and sent after it by <see cref="MailDelivery"/>. A request never waits
/// for SMTP: a slow relay does not slow a page, and "we sent you a link" takes the same time
/// whether or not there was anyone to send it to (so timing cannot tell which addresses exist).
/// </summary>
/// <remarks>In memory: mail queued just before the process stops is lost, and the person asks again.</remarks>
public sealed class MailOutbox
{
    private readonly Channel<MimeMessage> _queue = Channel.CreateUnbounded<MimeMessage>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(MimeMessage message)
    {
        if (!_queue.Writer.TryWrite(message))
        {
            throw new InvalidOperationException("The mail outbox is closed.");
        }
    }

    internal ChannelReader<MimeMessage> Reader => _queue.Reader;
}
