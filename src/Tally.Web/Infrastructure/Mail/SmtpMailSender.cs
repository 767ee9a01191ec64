using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Tally.Web.Infrastructure.Mail;

/// <summary>MailKit over SMTP: to Smtp:Host, or to the in-process <see cref="LocalSmtpServer"/>.</summary>
internal sealed class SmtpMailSender(IOptions<MailSettings> options, LocalSmtpServer localServer) : IMailSender
{
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        var settings = options.Value;
        string host;
        int port;
        SecureSocketOptions security;
        if (settings.UsesRelay)
        {
            (host, port, security) = (settings.Host!, settings.Port, settings.Security);
        }
        else if (settings.UsesLocalServer)
        {
            var endpoint = await localServer.Endpoint.WaitAsync(ct);
            // Loopback only: there is nothing to encrypt against.
            (host, port, security) = (endpoint.Address.ToString(), endpoint.Port, SecureSocketOptions.None);
        }
        else
        {
            throw new InvalidOperationException("Mail is not configured: set Smtp__Host (or Smtp__LocalMailDirectory to keep mail on this machine).");
        }

        if (message.From.Count == 0)
        {
            message.From.Add(MailboxAddress.Parse(settings.From));
        }
        using var client = new SmtpClient();
        await client.ConnectAsync(host, port, security, ct);
        if (!string.IsNullOrEmpty(settings.User))
        {
            await client.AuthenticateAsync(settings.User, settings.Password ?? "", ct);
        }
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(quit: true, ct);
    }
}
