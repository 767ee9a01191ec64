using System.Buffers;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Tally.Web.Infrastructure.Mail;

/// <summary>Hands every message the local SMTP server accepts to the <see cref="LocalMailbox"/>.</summary>
internal sealed class LocalMailStore(LocalMailbox mailbox) : MessageStore
{
    public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        await mailbox.StoreAsync(buffer.ToArray(), cancellationToken);
        return SmtpResponse.Ok;
    }
}
