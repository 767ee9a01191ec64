using System.Text.RegularExpressions;
using Dapper;
using Npgsql;
using Tally.Tests.Infrastructure;

namespace Tally.Tests.Security;

/// <summary>
/// Row-level security read from the catalog of a freshly migrated database, so that no table,
/// today's or one a later migration adds, can ship without RLS enabled and forced, without a
/// policy, or without studio isolation; and that the application role cannot step around it.
/// </summary>
public sealed partial class RlsCatalogTests(DatabaseFixture db) : IClassFixture<DatabaseFixture>
{
    /// <summary>Every table (plain, partitioned, partition) outside the system schemas.</summary>
    private const string Tables = """
        SELECT c.oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p')
          AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') AND n.nspname NOT LIKE 'pg\_temp\_%'
        """;

    private const string Isolation = "(studio_id = ( SELECT auth.studio_id() AS studio_id))";

    private async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(db.OwnerConnectionString);
        return (await connection.QueryAsync<T>(sql)).ToList();
    }

    [Fact]
    public async Task Tables_Every_HasRowLevelSecurityEnabledAndForced()
    {
        var tables = await QueryAsync<(string Table, bool Enabled, bool Forced)>(
            $"SELECT oid::regclass::text, relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid IN ({Tables})");

        Assert.Contains(tables, t => t.Table == "schema_migrations");
        Assert.Contains(tables, t => t.Table == "studios");
        Assert.Empty(tables.Where(t => !t.Enabled || !t.Forced).Select(t => $"{t.Table} enabled={t.Enabled} forced={t.Forced}"));
    }

    [Fact]
    public async Task Tables_Every_HasAPolicy()
    {
        var bare = await QueryAsync<string>($"""
            SELECT c.oid::regclass::text FROM pg_class c
            WHERE c.oid IN ({Tables}) AND NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid)
            """);

        Assert.Empty(bare);
    }

    [Fact]
    public async Task TenantTables_Every_HasRestrictiveStudioIsolationForAllCommands()
    {
        // A restrictive policy is ANDed with the permissive ones: however wrong a permissive policy
        // is, it cannot reach another studio's rows.
        var missing = await QueryAsync<string>($"""
            SELECT c.oid::regclass::text FROM pg_class c
            WHERE c.oid IN ({Tables})
              AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'studio_id' AND NOT a.attisdropped)
              AND NOT EXISTS (
                SELECT 1 FROM pg_policies p
                WHERE p.schemaname = c.relnamespace::regnamespace::text AND p.tablename = c.relname
                  AND p.permissive = 'RESTRICTIVE' AND p.cmd = 'ALL'
                  AND p.qual = '{Isolation}' AND p.with_check = '{Isolation}'
                  AND p.roles && ARRAY['tally_app', 'public']::name[])
            """);
        var studios = await QueryAsync<string>("""
            SELECT policyname FROM pg_policies
            WHERE tablename = 'studios' AND permissive = 'RESTRICTIVE' AND cmd = 'ALL'
              AND qual = '(id = ( SELECT auth.studio_id() AS studio_id))' AND with_check = qual
            """);

        Assert.Empty(missing);
        Assert.Single(studios);
    }

    [Fact]
    public async Task Policies_AuthFunctionCalls_AreWrappedInSelect()
    {
        // (select auth.uid()) is an init plan run once per statement; a bare auth.uid() runs per row.
        // A call that takes a column of the row (auth.f(role)) cannot be hoisted and is left alone.
        var policies = await QueryAsync<(string Table, string Policy, string? Qual, string? Check)>(
            "SELECT schemaname || '.' || tablename, policyname, qual, with_check FROM pg_policies");

        var bare = policies
            .SelectMany(p => new[] { p.Qual, p.Check }.OfType<string>().Select(e => (p.Table, p.Policy, Expression: e)))
            .Where(p => AuthCall().Matches(p.Expression).Any(m =>
                !p.Expression[..m.Index].EndsWith("SELECT ", StringComparison.Ordinal) && !ReadsTheRow(Arguments(p.Expression, m.Index + m.Length))))
            .Select(p => $"{p.Table} {p.Policy}: {p.Expression}")
            .Distinct()
            .ToList();

        Assert.NotEmpty(policies);
        Assert.Empty(bare);
    }

    [Theory]
    [InlineData("(studio_id = auth.studio_id())", true)]
    [InlineData("auth.has_permission('can_manage_team'::text)", true)]
    [InlineData("(studio_id = ( SELECT auth.studio_id() AS studio_id))", false)]
    [InlineData("( SELECT auth.has_permission('can_manage_team'::text) AS has_permission)", false)]
    [InlineData("auth.role_grants(( SELECT auth.role() AS role), role)", false)]
    [InlineData("auth.role_grants(auth.role(), role)", true)]
    public void BareClaimCalls_OfPolicyExpression_AreFound(string expression, bool bare)
    {
        var found = AuthCall().Matches(expression).Any(m =>
            !expression[..m.Index].EndsWith("SELECT ", StringComparison.Ordinal) && !ReadsTheRow(Arguments(expression, m.Index + m.Length)));

        Assert.Equal(bare, found);
    }

    [Fact]
    public async Task Policies_ColumnsTheyFilterOn_AreIndexedAfterStudioId()
    {
        // Columns compared with an auth function (assigned_to = (select auth.uid())) and columns a
        // policy's subquery correlates on (gallery_images.gallery_id) must lead an index after
        // studio_id (or lead one themselves), or each policy check scans.
        var policies = await QueryAsync<(string Table, string Expression)>("""
            SELECT tablename, coalesce(qual, '') || ' ' || coalesce(with_check, '') FROM pg_policies WHERE schemaname = 'public'
            """);
        var columns = policies
            .SelectMany(p => ComparedWithAuth().Matches(p.Expression).Select(m => m.Groups["column"].Value)
                .Concat(Regex.Matches(p.Expression, $@"\b{p.Table}\.(?<column>\w+)").Select(m => m.Groups["column"].Value))
                .Select(column => (p.Table, Column: column)))
            .Where(c => c.Column != "studio_id")
            .Distinct()
            .ToList();

        var unindexed = new List<string>();
        foreach (var (table, column) in columns)
        {
            var indexed = await QueryAsync<bool>($"""
                SELECT EXISTS (
                  SELECT 1 FROM pg_index i
                  JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attname = '{column}'
                  LEFT JOIN pg_attribute s ON s.attrelid = i.indrelid AND s.attname = 'studio_id'
                  WHERE i.indrelid = 'public.{table}'::regclass AND i.indisvalid
                    AND ((i.indkey::int2[])[0] = a.attnum
                         OR ((i.indkey::int2[])[0] = s.attnum AND (i.indkey::int2[])[1] = a.attnum)))
                """);
            if (!indexed.Single())
                unindexed.Add($"{table}.{column}");
        }

        Assert.Contains(("leads", "assigned_to"), columns);
        Assert.Contains(("gallery_images", "gallery_id"), columns);
        Assert.Empty(unindexed);
    }

    [Fact]
    public async Task AppRole_IsNotSuperuserNorBypassRlsAndInheritsNoOtherRole()
    {
        var role = (await QueryAsync<(bool Super, bool Bypass, bool CreateRole, bool CreateDb, long MemberOf)>("""
            SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb,
                   (SELECT count(*) FROM pg_auth_members m WHERE m.member = r.oid)
            FROM pg_roles r WHERE rolname = 'tally_app'
            """)).Single();

        Assert.Equal((false, false, false, false, 0L), role);
    }

    [Fact]
    public async Task AppRole_OwnsNothingAnywhere()
    {
        // pg_shdepend records the owner of every object of every database of the cluster.
        var owned = await QueryAsync<long>("""
            SELECT count(*) FROM pg_shdepend
            WHERE refclassid = 'pg_authid'::regclass AND refobjid = 'tally_app'::regrole AND deptype = 'o'
            """);
        var ownedHere = await QueryAsync<string>("""
            SELECT relname FROM pg_class WHERE relowner = 'tally_app'::regrole
            UNION ALL SELECT proname FROM pg_proc WHERE proowner = 'tally_app'::regrole
            UNION ALL SELECT nspname FROM pg_namespace WHERE nspowner = 'tally_app'::regrole
            """);

        Assert.Equal(0, owned.Single());
        Assert.Empty(ownedHere);
    }

    [Fact]
    public async Task AppRole_HasNoPrivilegeThatSkipsRowSecurity()
    {
        // TRUNCATE empties a table without looking at policies; REFERENCES and TRIGGER let a role
        // probe or act on rows it cannot see.
        var granted = await QueryAsync<string>($"""
            SELECT c.oid::regclass::text || ' ' || p.privilege FROM pg_class c
            CROSS JOIN unnest(ARRAY['TRUNCATE', 'REFERENCES', 'TRIGGER']) p (privilege)
            WHERE c.oid IN ({Tables}) AND has_table_privilege('tally_app', c.oid, p.privilege)
            """);

        Assert.Empty(granted);
    }

    [Fact]
    public async Task OwnerRole_BypassesRowSecurity_SoMigrationsSeedsAndDefinerFunctionsWork()
    {
        var owner = await QueryAsync<(bool Bypass, bool Super)>("SELECT rolbypassrls, rolsuper FROM pg_roles WHERE rolname = 'tally_owner'");

        Assert.Equal((true, false), owner.Single());
    }

    [Fact]
    public async Task StudioBySlug_IsSecurityDefinerWithFixedSearchPathExecutableByAppOnly()
    {
        var fn = (await QueryAsync<(bool Definer, string[] Config, string Owner, bool App, bool Public)>("""
            SELECT p.prosecdef, p.proconfig, p.proowner::regrole::text,
                   has_function_privilege('tally_app', p.oid, 'EXECUTE'),
                   EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0 AND a.privilege_type = 'EXECUTE')
            FROM pg_proc p WHERE p.oid = 'auth.studio_by_slug(text)'::regprocedure
            """)).Single();

        Assert.True(fn.Definer);
        Assert.Contains(fn.Config, c => c.StartsWith("search_path=", StringComparison.Ordinal));
        Assert.Equal("tally_owner", fn.Owner);
        Assert.True(fn.App);
        Assert.False(fn.Public);
    }

    /// <summary>The argument list of a call whose "(" ends just before <paramref name="start"/>.</summary>
    private static string Arguments(string expression, int start)
    {
        var depth = 1;
        for (var i = start; i < expression.Length; i++)
        {
            depth += expression[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0)
                return expression[start..i];
        }
        return expression[start..];
    }

    /// <summary>True when the arguments name a column: what is left once literals and wrapped calls go.</summary>
    private static bool ReadsTheRow(string arguments)
    {
        var rest = WrappedCall().Replace(Literal().Replace(arguments, " "), " ");
        return Identifier().IsMatch(rest);
    }

    [GeneratedRegex(@"auth\.\w+\(")]
    private static partial Regex AuthCall();

    [GeneratedRegex(@"'(?:[^']|'')*'(?:::[\w ]+)?|\b\d+(?:\.\d+)?\b")]
    private static partial Regex Literal();

    [GeneratedRegex(@"\( SELECT auth\.\w+\([^()]*\) AS \w+\)")]
    private static partial Regex WrappedCall();

    [GeneratedRegex(@"[A-Za-z_]\w*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"(?<![.\w])(?<column>\w+) = \( SELECT auth\.")]
    private static partial Regex ComparedWithAuth();
}
