using Tally.Data.Migrations.Lint;

namespace Tally.Tests.Migrations;

/// <summary>The statement splitter under <see cref="MigrationLinter"/>.</summary>
public class SqlScriptTests
{
    private static (int Line, string Text)[] Split(string sql) =>
        SqlScript.Parse(sql).Statements.Select(s => (s.Line, s.Text)).ToArray();

    [Fact]
    public void Parse_SemicolonsInStringsCommentsAndDollarQuotes_DoNotSplit()
    {
        var sql = """
            SET lock_timeout = '5s';
            BEGIN;
            CREATE TABLE probe (id int primary key, t text);
            CREATE FUNCTION probe_fn() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              NEW.t := 'x; y';
              RETURN NEW;
            END;
            $$;
            INSERT INTO probe VALUES (1, 'a;b'), (2, E'c\';d'), (3, $q$e;f$q$); -- trailing; comment
            /* block; /* nested; */ comment */ COMMIT;
            CREATE INDEX CONCURRENTLY probe_t ON probe (t)
            """;

        var statements = Split(sql);

        Assert.Equal([1, 2, 3, 4, 10, 11, 12], statements.Select(s => s.Line).ToArray());
        Assert.Equal("INSERT INTO probe VALUES ( 1 , 'a;b' ) , ( 2 , E'c\\';d' ) , ( 3 , $q$e;f$q$ )", statements[4].Text);
        Assert.Equal("COMMIT", statements[5].Text);
        Assert.StartsWith("CREATE INDEX CONCURRENTLY", statements[6].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NestedDollarQuotesWithDifferentTags_StayOneStatement()
    {
        var statements = Split("""
            DO $outer$
            BEGIN
              EXECUTE $inner$ DROP TABLE x; $inner$;
              PERFORM $$ ; $$;
            END
            $outer$;
            SELECT 2;
            """);

        Assert.Equal(2, statements.Length);
        Assert.Equal(7, statements[1].Line);
    }

    [Fact]
    public void Parse_IdentifierContainingDollar_IsNotADollarQuote()
    {
        var statements = Split("SELECT a$b$ FROM t; SELECT $1 + 2;");

        Assert.Equal(["SELECT a$b$ FROM t", "SELECT $1 + 2"], statements.Select(s => s.Text).ToArray());
    }

    [Fact]
    public void Parse_SqlStandardFunctionBody_StaysOneStatement()
    {
        var statements = Split("""
            CREATE OR REPLACE FUNCTION lead_count(s uuid) RETURNS bigint LANGUAGE sql
            BEGIN ATOMIC
              SELECT CASE WHEN true THEN 1 END;
              SELECT count(*) FROM leads WHERE studio_id = s;
            END;
            SELECT 1;
            """);

        Assert.Equal([1, 6], statements.Select(s => s.Line).ToArray());
    }

    [Fact]
    public void Parse_TopLevelBeginAndEnd_AreOwnStatements()
    {
        var statements = Split("BEGIN;\nSELECT 1;\nEND;");

        Assert.Equal(["BEGIN", "SELECT 1", "END"], statements.Select(s => s.Text).ToArray());
    }

    [Fact]
    public void Parse_Comments_AttachToTheRightStatement()
    {
        var script = SqlScript.Parse("""
            SELECT 1; -- trailing one
            -- before two
            /* also before two */
            SELECT /* inside two */ 2;
            -- after everything
            """);

        Assert.Equal([" trailing one"], script.Statements[0].Comments.Select(c => c.Text).ToArray());
        Assert.Equal([" before two", " also before two ", " inside two "], script.Statements[1].Comments.Select(c => c.Text).ToArray());
        Assert.Equal([2, 3, 4], script.Statements[1].Comments.Select(c => c.Line).ToArray());
        Assert.Equal([" after everything"], script.UnattachedComments.Select(c => c.Text).ToArray());
    }

    [Fact]
    public void Parse_QuotedIdentifiers_FoldLikePostgres()
    {
        var tokens = SqlScript.Parse("SELECT Leads, \"Leads\", \"a\"\"b\" FROM t").Statements[0].Tokens;

        Assert.Equal("leads", tokens[1].Identifier);
        Assert.Equal("Leads", tokens[3].Identifier);
        Assert.Equal("a\"b", tokens[5].Identifier);
        Assert.False(tokens[3].IsKeyword("Leads"));
    }

    [Theory]
    [InlineData("SELECT 'open", 1)]
    [InlineData("SELECT 1;\nSELECT \"open", 2)]
    [InlineData("SELECT 1;\n\n/* open /* nested */", 3)]
    [InlineData("SELECT $tag$ open $$", 1)]
    public void Parse_UnterminatedToken_ReportsErrorAtItsLine(string sql, int line)
    {
        var error = Assert.Single(SqlScript.Parse(sql).Errors);

        Assert.Equal(line, error.Line);
    }

    [Fact]
    public void Parse_EmptyStatementsAndWhitespace_AreSkipped()
    {
        Assert.Equal(["SELECT 1"], Split(";;\n  ;SELECT 1;;  \n").Select(s => s.Text).ToArray());
        Assert.Empty(Split("-- only a comment\n"));
    }
}
