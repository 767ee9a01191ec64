using Microsoft.Extensions.Options;
using MimeKit;

namespace Tally.Web.Infrastructure.Mail;

/// <summary>
/// What the local SMTP server received: every message kept as an .eml file (readable by a person
/// following an invitation link locally) and in memory, where tests in the same process read it.
/// </summary>
public sealed class LocalMailbox(IOptions<MailSettings> settings)
{
    // Mail carries one-time links: readable by the app's user only.
    private const UnixFileMode FilePermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode FolderPermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly Lock _gate = new();
    private readonly List<CapturedMail> _messages = [];

    public string? Directory => settings.Value.LocalMailDirectory;

    public IReadOnlyList<CapturedMail> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>The first message (received before or within <paramref name="timeout"/>) that matches.</summary>
    /// <remarks>Mail is sent in the background after the request that queued it, so a caller waits for it.</remarks>
    public async Task<CapturedMail> WaitForAsync(Func<CapturedMail, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (Messages.FirstOrDefault(match) is { } found)
            {
                return found;
            }
            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"No matching mail within {timeout.TotalSeconds:0} s; received: {string.Join("; ", Messages.Select(m => $"{m.To}: {m.Subject}"))}");
            }
            await Task.Delay(50);
        }
    }

    internal async Task StoreAsync(byte[] raw, CancellationToken ct)
    {
        var folder = Directory ?? throw new InvalidOperationException("Smtp:LocalMailDirectory is not set.");
        System.IO.Directory.CreateDirectory(folder, FolderPermissions);
        using var parsed = new MemoryStream(raw, writable: false);
        var message = await MimeMessage.LoadAsync(parsed, ct);
        var received = DateTimeOffset.UtcNow;
        // Sortable by arrival, unique without coordination.
        var path = Path.Combine(folder, $"{received:yyyyMMdd'T'HHmmss'.'fff'Z'}-{Guid.CreateVersion7():N}.eml");
        await using (var file = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FilePermissions }))
        {
            await file.WriteAsync(raw, ct);
        }
        var mail = new CapturedMail(
            string.Join(", ", message.To.Mailboxes.Select(m => m.Address)),
            message.Subject ?? "",
            message.TextBody ?? "",
            path,
            received);
        lock (_gate)
        {
            _messages.Add(mail);
        }
    }
}
