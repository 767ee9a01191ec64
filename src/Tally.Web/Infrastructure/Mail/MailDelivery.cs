using MimeKit;

namespace Tally.Web.Infrastructure.Mail;

/// <summary>Sends what the <see cref="MailOutbox"/> holds, retrying a failed send a few times.</summary>
internal sealed partial class MailDelivery(MailOutbox outbox, IMailSender sender, ILogger<MailDelivery> logger) : BackgroundService
{
    private static readonly TimeSpan[] Retries = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var message in outbox.Reader.ReadAllAsync(stoppingToken))
        {
            await DeliverAsync(message, stoppingToken);
        }
    }

    private async Task DeliverAsync(MimeMessage message, CancellationToken ct)
    {
        var to = string.Join(", ", message.To.Mailboxes.Select(m => m.Address));
        var subject = message.Subject ?? "";
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await sender.SendAsync(message, ct);
                LogSent(logger, subject, to);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt < Retries.Length)
            {
                LogRetrying(logger, subject, to, Retries[attempt].TotalSeconds, e);
                await Task.Delay(Retries[attempt], ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, subject, to, e);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent mail \"{Subject}\" to {To}")]
    private static partial void LogSent(ILogger logger, string subject, string to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending mail \"{Subject}\" to {To} failed; retrying in {Seconds} s")]
    private static partial void LogRetrying(ILogger logger, string subject, string to, double seconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up sending mail \"{Subject}\" to {To}")]
    private static partial void LogFailed(ILogger logger, string subject, string to, Exception exception);
}
