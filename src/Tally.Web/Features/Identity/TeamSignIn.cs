using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Npgsql;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Identity;

/// <summary>
/// Email and password to a team member, or null. Every refusal looks the same from outside (unknown
/// address, wrong password, locked or deactivated account): the same message, and the same hashing
/// work, so neither the answer nor its timing tells whether an address has an account.
/// </summary>
/// <remarks>
/// One address may belong to accounts in several studios. The password is tried against each, first
/// by studio slug, and the first that matches is signed in: a person with one password everywhere
/// lands in their first studio, one with a password per studio picks the studio by the password.
/// </remarks>
public sealed partial class TeamSignIn(TeamPasswords passwords, IOptions<TeamSignInOptions> options, ILogger<TeamSignIn> logger)
{
    public const string Refusal = "Email or password is incorrect, or the account is temporarily locked.";

    internal sealed record Candidate(Guid StudioId, Guid UserId, string PasswordHash, bool Locked);

    public async Task<TeamMember?> VerifyAsync(TallyDb db, string? email, string? password, CancellationToken ct)
    {
        var address = AccountInput.NormalizeEmail(email);
        if (address is null || string.IsNullOrEmpty(password) || password.Length > AccountInput.MaxSignInPasswordLength)
        {
            passwords.VerifyDecoy(password is { Length: <= AccountInput.MaxSignInPasswordLength } ? password : "");
            return null;
        }

        var conn = await db.ConnectionAsync(ct);
        var candidates = (await conn.QueryAsync<Candidate>(new CommandDefinition(
            "SELECT studio_id AS studioid, user_id AS userid, password_hash AS passwordhash, locked FROM auth.team_sign_in_candidates(@address)",
            new { address }, cancellationToken: ct))).AsList();
        if (candidates.Count == 0)
        {
            passwords.VerifyDecoy(password);
            LogRefused(logger, "no account");
            return null;
        }

        foreach (var candidate in candidates)
        {
            // Locked accounts are verified too, so a lock does not answer faster than a wrong password.
            var result = passwords.Verify(candidate.PasswordHash, password);
            if (result == PasswordVerificationResult.Failed || candidate.Locked)
            {
                continue;
            }
            var rehashed = result == PasswordVerificationResult.SuccessRehashNeeded ? passwords.Hash(password) : null;
            var member = await CompleteAsync(conn, candidate, rehashed, ct);
            if (member is not null)
            {
                await Audit.AuditEvents.RecordAsync(conn, Audit.AuditEvents.SignIn, new { email = member.Email, user_id = member.UserId }, [member.StudioId], ct);
                return member;
            }
        }

        var settings = options.Value;
        await conn.ExecuteAsync(new CommandDefinition(
            "SELECT auth.record_team_sign_in_failure(@address, @max, @lockout)",
            new { address, max = settings.MaxFailedAttempts, lockout = settings.Lockout }, cancellationToken: ct));
        var reason = candidates.TrueForAll(c => c.Locked) ? "locked" : "wrong password";
        await Audit.AuditEvents.RecordAsync(conn, Audit.AuditEvents.SignInFailed, new { email = address, reason }, candidates.Select(c => c.StudioId), ct);
        LogRefused(logger, reason);
        return null;
    }

    /// <summary>Issues the team cookie (a browser session cookie; the ticket itself expires after 12 hours).</summary>
    public static Task SignInAsync(HttpContext http, TeamMember member) =>
        http.SignInAsync(TallyAuthentication.Cookie, TeamPrincipal.Create(member), new AuthenticationProperties { IsPersistent = false });

    internal sealed record Completed(string Email, string FullName, string Role, bool CanViewAnalytics, bool CanManagePayments, bool CanManageTeam, Guid SecurityStamp);

    private static async Task<TeamMember?> CompleteAsync(NpgsqlConnection conn, Candidate candidate, string? rehashed, CancellationToken ct)
    {
        var row = await conn.QuerySingleOrDefaultAsync<Completed>(new CommandDefinition("""
            SELECT email, full_name AS fullname, role, can_view_analytics AS canviewanalytics,
                   can_manage_payments AS canmanagepayments, can_manage_team AS canmanageteam, security_stamp AS securitystamp
            FROM auth.complete_team_sign_in(@studioId, @userId, @verified, @rehashed)
            """,
            new { studioId = candidate.StudioId, userId = candidate.UserId, verified = candidate.PasswordHash, rehashed },
            cancellationToken: ct));
        return row is null
            ? null
            : new TeamMember(candidate.StudioId, candidate.UserId, row.Email, row.FullName, row.Role,
                row.CanViewAnalytics, row.CanManagePayments, row.CanManageTeam, row.SecurityStamp);
    }

    // The reason stays in the log, never in the answer.
    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a team sign-in: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
