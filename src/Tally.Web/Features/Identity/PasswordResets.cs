using Dapper;
using Tally.Data.Security;
using Tally.Web.Infrastructure.Identity;
using Tally.Web.Infrastructure.Mail;

namespace Tally.Web.Features.Identity;

/// <summary>
/// "Forgot password": a one-time link (32 random bytes; only its SHA-256 is stored) valid one hour,
/// mailed to each active account of the address. The answer never says whether there was one.
/// </summary>
public sealed class PasswordResets(TeamPasswords passwords, MailOutbox outbox)
{
    public const string Acknowledgement =
        "If that address belongs to a Tally account, we sent it a link to choose a new password. The link works once, within one hour.";

    internal sealed record Account(Guid StudioId, Guid UserId, string StudioName, string FullName, string Email);

    public async Task RequestAsync(TallyDb db, HttpContext http, string? email, CancellationToken ct)
    {
        if (AccountInput.NormalizeEmail(email) is not { } address)
        {
            return;
        }
        var conn = await db.ConnectionAsync(ct);
        var accounts = await conn.QueryAsync<Account>(new CommandDefinition(
            "SELECT studio_id AS studioid, user_id AS userid, studio_name AS studioname, full_name AS fullname, email FROM auth.password_reset_accounts(@address)",
            new { address }, cancellationToken: ct));
        foreach (var account in accounts)
        {
            var token = Secrets.New();
            var expires = await conn.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
                "SELECT auth.issue_password_reset(@studioId, @userId, @id, @hash)",
                new { studioId = account.StudioId, userId = account.UserId, id = Guid.CreateVersion7(), hash = Secrets.Hash(token) },
                cancellationToken: ct));
            if (expires is not null)
            {
                var link = PublicLinks.For(http, $"/reset-password?token={Uri.EscapeDataString(token)}");
                outbox.Enqueue(IdentityEmails.PasswordReset(account.Email, account.FullName, account.StudioName, link));
            }
        }
    }

    /// <summary>True while the link can be used: well formed, known, unused, unexpired.</summary>
    public static async Task<bool> IsOpenAsync(TallyDb db, string? token, CancellationToken ct)
    {
        if (!Secrets.IsWellFormed(token))
        {
            return false;
        }
        var conn = await db.ConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT auth.password_reset_is_open(@hash)", new { hash = Secrets.Hash(token!) }, cancellationToken: ct));
    }

    /// <summary>Uses the link: true when the password was changed (every session of the member then ends).</summary>
    public async Task<bool> ResetAsync(TallyDb db, string? token, string password, CancellationToken ct)
    {
        if (!Secrets.IsWellFormed(token))
        {
            return false;
        }
        var conn = await db.ConnectionAsync(ct);
        var changed = await conn.QueryAsync<Guid>(new CommandDefinition(
            "SELECT user_id FROM auth.reset_team_password(@hash, @passwordHash)",
            new { hash = Secrets.Hash(token!), passwordHash = passwords.Hash(password) }, cancellationToken: ct));
        return changed.Any();
    }
}
