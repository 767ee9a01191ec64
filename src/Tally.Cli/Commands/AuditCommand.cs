using System.CommandLine;
using System.Globalization;
using Npgsql;
using Tally.Cli.Hosting;
using Tally.Data.Audit;
using Tally.Data.Cluster;

namespace Tally.Cli.Commands;

/// <summary>
/// `./tally audit verify [--studio SLUG]`: seal pending audit rows, recompute each studio's hash
/// chain and report the first broken row (exit 1 when any chain is broken).
/// `./tally audit head [--studio SLUG]`: print each chain head (slug, seq, sha-256) on stdout, to
/// keep outside the database: a later verify against a kept head shows a rewrite of the whole chain.
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var verifyStudio = new Option<string?>("--studio") { Description = "Only this studio (slug); all studios when omitted" };
        var verify = new Command("verify", "Seal pending audit rows and verify every studio's hash chain.") { verifyStudio };
        verify.SetAction(async (parse, ct) =>
        {
            var results = await RunAsync(async ct => await AuditChain.SealAndVerifyAsync(await OwnerConnectionStringAsync(ct), parse.GetValue(verifyStudio), ct), ct);
            foreach (var r in results)
            {
                Console.Out.WriteLine(r.Ok
                    ? string.Create(CultureInfo.InvariantCulture, $"{r.Slug}: ok, {r.Sealed} entries, head seq {r.HeadSeq} {r.HeadHash}")
                    : string.Create(CultureInfo.InvariantCulture, $"{r.Slug}: BROKEN at seq {r.BrokenSeq} (entry {r.BrokenEntryNo}): {r.Problem}"));
            }
            var broken = results.Count(r => !r.Ok);
            Say.Line(broken == 0 ? $"{results.Count} chain(s) verified." : $"{broken} of {results.Count} chain(s) broken.");
            return broken == 0 ? 0 : 1;
        });

        var headStudio = new Option<string?>("--studio") { Description = "Only this studio (slug); all studios when omitted" };
        var head = new Command("head", "Print each studio's chain head (slug, seq, sha-256) for safekeeping outside the database.") { headStudio };
        head.SetAction(async (parse, ct) =>
        {
            foreach (var h in await RunAsync(async ct => await AuditChain.HeadsAsync(await OwnerConnectionStringAsync(ct), parse.GetValue(headStudio), ct), ct))
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{h.Slug}\t{h.Seq}\t{h.Hash}\t{h.SealedAt:O}"));
            }
            return 0;
        });
        return new Command("audit", "The audit trail's hash chain: verify it, print its heads.") { verify, head };
    }

    private static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct)
    {
        try
        {
            return await work(ct);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName or PostgresErrorCodes.UndefinedFunction)
        {
            throw new UserFacingException("the database has no audit trail yet: run ./tally migrate first.");
        }
    }

    /// <summary>The owner role (ConnectionStrings__TallyOwner, else the local cluster): the chain spans every studio.</summary>
    private static async Task<string> OwnerConnectionStringAsync(CancellationToken ct)
    {
        if (Environment.GetEnvironmentVariable("ConnectionStrings__TallyOwner") is { Length: > 0 } owner)
        {
            return owner;
        }
        if (DatabaseTarget.ExternalAppConnectionString is not null)
        {
            throw new UserFacingException("verifying the audit chain needs the owner role: set ConnectionStrings__TallyOwner.");
        }
        return (await DatabaseTarget.ResolveAsync(TallyHome.FromEnvironment(), ct)).OwnerConnectionString;
    }
}
