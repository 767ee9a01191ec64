namespace Tally.Data.Migrations.Lint;

/// <summary>One statement of a script, without its terminating semicolon.</summary>
public sealed class SqlStatement
{
    private readonly List<SqlComment> _comments;

    internal SqlStatement(IReadOnlyList<SqlToken> tokens, List<SqlComment> comments, int endLine)
    {
        Tokens = tokens;
        _comments = comments;
        EndLine = endLine;
    }

    /// <summary>1-based line of the statement's first token.</summary>
    public int Line => Tokens[0].Line;

    /// <summary>1-based line of the statement's terminating semicolon (or last token).</summary>
    public int EndLine { get; }

    /// <summary>The statement's tokens, comments excluded.</summary>
    public IReadOnlyList<SqlToken> Tokens { get; }

    /// <summary>
    /// The comments that belong to the statement: those between the previous statement and this one,
    /// those inside it, and those that start on the line of its terminating semicolon.
    /// </summary>
    public IReadOnlyList<SqlComment> Comments => _comments;

    /// <summary>The statement with comments stripped and whitespace collapsed.</summary>
    public string Text => string.Join(' ', Tokens.Select(t => t.Text));

    internal void AddTrailingComment(SqlComment comment) => _comments.Add(comment);

    public override string ToString() => Text;
}

/// <summary>A script split into statements the way psql and PostgreSQL see them.</summary>
public sealed class SqlScript
{
    private SqlScript(IReadOnlyList<SqlStatement> statements, IReadOnlyList<SqlComment> unattached, IReadOnlyList<SqlSyntaxError> errors)
    {
        Statements = statements;
        UnattachedComments = unattached;
        Errors = errors;
    }

    public IReadOnlyList<SqlStatement> Statements { get; }

    /// <summary>Comments after the last statement, which belong to no statement.</summary>
    public IReadOnlyList<SqlComment> UnattachedComments { get; }

    /// <summary>Unterminated strings, identifiers, dollar quotes or comments.</summary>
    public IReadOnlyList<SqlSyntaxError> Errors { get; }

    /// <summary>
    /// Splits <paramref name="sql"/> at semicolons that are outside comments, string constants,
    /// quoted identifiers, dollar-quoted bodies, parentheses and SQL-standard
    /// <c>BEGIN ATOMIC … END</c> function bodies.
    /// </summary>
    public static SqlScript Parse(string sql)
    {
        var errors = new List<SqlSyntaxError>();
        var tokens = SqlLexer.Tokenize(sql, errors);

        var statements = new List<SqlStatement>();
        var pending = new List<SqlComment>();
        var current = new List<SqlToken>();
        var inside = new List<SqlComment>();
        var splitter = new BodyTracker();
        SqlStatement? last = null;
        var lastTerminatorLine = -1;
        var trailingOpen = false;

        foreach (var token in tokens)
        {
            if (token.IsComment)
            {
                var comment = SqlComment.From(token);
                if (current.Count > 0)
                {
                    inside.Add(comment);
                }
                else if (trailingOpen && last is not null && token.Line == lastTerminatorLine)
                {
                    last.AddTrailingComment(comment);
                }
                else
                {
                    trailingOpen = false;
                    pending.Add(comment);
                }
                continue;
            }

            if (token.Kind == SqlTokenKind.Semicolon && splitter.AtTopLevel)
            {
                if (current.Count > 0)
                {
                    last = new SqlStatement(current.ToArray(), [.. pending, .. inside], token.Line);
                    statements.Add(last);
                    pending.Clear();
                    lastTerminatorLine = token.Line;
                    trailingOpen = true;
                }
                else
                {
                    trailingOpen = false;
                }
                current.Clear();
                inside.Clear();
                splitter = new BodyTracker();
                continue;
            }

            trailingOpen = false;
            current.Add(token);
            splitter.See(token);
        }

        if (current.Count > 0)
        {
            statements.Add(new SqlStatement(current.ToArray(), [.. pending, .. inside], current[^1].Line));
            pending.Clear();
        }

        return new SqlScript(statements, pending.ToArray(), errors);
    }

    /// <summary>
    /// Tracks parentheses and, like psql, <c>BEGIN … END</c> nesting inside
    /// <c>CREATE [OR REPLACE] FUNCTION|PROCEDURE</c>, so that semicolons inside a
    /// <c>BEGIN ATOMIC</c> body do not end the statement.
    /// </summary>
    private sealed class BodyTracker
    {
        private readonly char[] _leading = new char[4];
        private int _words;
        private int _parens;
        private int _beginDepth;

        public bool AtTopLevel => _parens == 0 && _beginDepth == 0;

        public void See(SqlToken token)
        {
            if (token.IsSymbol('('))
            {
                _parens++;
                return;
            }
            if (token.IsSymbol(')'))
            {
                _parens = Math.Max(0, _parens - 1);
                return;
            }
            if (token.Kind != SqlTokenKind.Word)
                return;

            var word = token.Text.ToLowerInvariant();
            if (word is "create" or "function" or "procedure" or "or" or "replace" && _words < _leading.Length)
                _leading[_words] = word[0];
            _words++;

            var isRoutine = _leading[0] == 'c'
                && (_leading[1] is 'f' or 'p' || (_leading[1] == 'o' && _leading[2] == 'r' && _leading[3] is 'f' or 'p'));
            if (!isRoutine || _parens != 0)
                return;

            if (word == "begin")
                _beginDepth++;
            else if (word == "case" && _beginDepth >= 1)
                _beginDepth++;
            else if (word == "end" && _beginDepth > 0)
                _beginDepth--;
        }
    }
}
