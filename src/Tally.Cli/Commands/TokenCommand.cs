using System.CommandLine;
using Npgsql;
using Tally.Cli.Hosting;
using Tally.Data.Cluster;
using Tally.Data.Security;

namespace Tally.Cli.Commands;

/// <summary>
/// `./tally token create --studio SLUG --email EMAIL [--name NAME] [--role ROLE]`: a personal access
/// token for a team member. The token alone goes to stdout, so `TOKEN=$(./tally token create …)` works;
/// everything else goes to stderr.
/// </summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var studio = new Option<string>("--studio") { Description = "The studio's slug, e.g. aurora-studio", Required = true };
        var email = new Option<string>("--email") { Description = "The team member the token acts for", Required = true };
        var name = new Option<string?>("--name") { Description = "What the token is for, shown on the settings page" };
        var role = new Option<string?>("--role") { Description = "The token's role, at most the member's own (default: theirs)" };
        role.AcceptOnlyFromAmong([.. AccessTokens.Roles]);
        var create = new Command("create", "Create a personal access token and print it (once) on stdout.") { studio, email, name, role };
        create.SetAction(async (parse, ct) =>
        {
            var owner = await OwnerConnectionStringAsync(ct);
            NewAccessToken token;
            try
            {
                token = await AccessTokens.CreateForMemberAsync(owner, parse.GetValue(studio)!, parse.GetValue(email)!, parse.GetValue(name), parse.GetValue(role), ct);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                throw new UserFacingException("the database has no api_tokens table yet: run ./tally migrate first.");
            }
            Say.Line($"Created token {token.Prefix}… ({token.Role}) for {parse.GetValue(email)}. It is shown only now.");
            Console.Out.WriteLine(token.Token);
            return 0;
        });
        return new Command("token", "Personal access tokens for the REST API.") { create };
    }

    /// <summary>
    /// The owner role: ConnectionStrings__TallyOwner when set, else the local cluster. The app's
    /// role alone cannot do it: row-level security hides every studio from a connection without claims.
    /// </summary>
    private static async Task<string> OwnerConnectionStringAsync(CancellationToken ct)
    {
        if (Environment.GetEnvironmentVariable("ConnectionStrings__TallyOwner") is { Length: > 0 } owner)
        {
            return owner;
        }
        if (DatabaseTarget.ExternalAppConnectionString is not null)
        {
            throw new UserFacingException("creating a token needs the owner role: set ConnectionStrings__TallyOwner.");
        }
        return (await DatabaseTarget.ResolveAsync(TallyHome.FromEnvironment(), ct)).OwnerConnectionString;
    }
}
