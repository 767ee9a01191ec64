namespace Tally.Data.Migrations.Lint;

/// <summary>
/// A small PostgreSQL lexer: enough to split a script into statements and to find keywords outside
/// comments, string constants, quoted identifiers and dollar-quoted bodies.
/// </summary>
/// <remarks>
/// Follows the lexical rules of https://www.postgresql.org/docs/15/sql-syntax-lexical.html with
/// standard_conforming_strings on: backslash escapes only in <c>E''</c> strings, <c>''</c> and
/// <c>""</c> escape their quote, block comments nest, identifiers may contain <c>$</c> (so
/// <c>a$b$</c> is a name, not the start of a dollar quote), and a dollar-quote tag is an identifier
/// without <c>$</c>.
/// </remarks>
public static class SqlLexer
{
    public static IReadOnlyList<SqlToken> Tokenize(string sql, ICollection<SqlSyntaxError>? errors = null)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var tokens = new List<SqlToken>();
        var s = sql;
        var n = s.Length;
        var i = 0;
        var line = 1;

        char At(int k) => k < n ? s[k] : '\0';

        void Advance(int to)
        {
            for (var k = i; k < to && k < n; k++)
            {
                if (s[k] == '\n')
                    line++;
            }
            i = Math.Min(to, n);
        }

        void Emit(SqlTokenKind kind, int start, int startLine) => tokens.Add(new SqlToken(kind, s[start..i], startLine));

        // Reads a quoted run starting at the opening quote at position i; '' (or "") escapes the quote.
        void ReadQuoted(char quote, bool backslashEscapes, int startLine, string what)
        {
            var k = i + 1;
            while (true)
            {
                if (k >= n)
                {
                    errors?.Add(new SqlSyntaxError(startLine, $"unterminated {what} starting here"));
                    break;
                }
                var ch = s[k];
                if (backslashEscapes && ch == '\\')
                {
                    k += 2;
                    continue;
                }
                if (ch == quote)
                {
                    if (At(k + 1) == quote)
                    {
                        k += 2;
                        continue;
                    }
                    k++;
                    break;
                }
                k++;
            }
            Advance(k);
        }

        while (i < n)
        {
            var c = s[i];
            if (c == '\n')
            {
                line++;
                i++;
                continue;
            }
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            var startLine = line;

            if (c == '-' && At(i + 1) == '-')
            {
                var end = s.IndexOf('\n', i);
                Advance(end < 0 ? n : end);
                Emit(SqlTokenKind.LineComment, start, startLine);
            }
            else if (c == '/' && At(i + 1) == '*')
            {
                var depth = 1;
                var k = i + 2;
                while (k < n && depth > 0)
                {
                    if (s[k] == '/' && At(k + 1) == '*')
                    {
                        depth++;
                        k += 2;
                    }
                    else if (s[k] == '*' && At(k + 1) == '/')
                    {
                        depth--;
                        k += 2;
                    }
                    else
                    {
                        k++;
                    }
                }
                if (depth > 0)
                    errors?.Add(new SqlSyntaxError(startLine, "unterminated /* comment starting here"));
                Advance(k);
                Emit(SqlTokenKind.BlockComment, start, startLine);
            }
            else if (c == '\'')
            {
                ReadQuoted('\'', false, startLine, "string constant");
                Emit(SqlTokenKind.String, start, startLine);
            }
            else if (c is 'e' or 'E' && At(i + 1) == '\'')
            {
                i++;
                ReadQuoted('\'', true, startLine, "E'' string constant");
                Emit(SqlTokenKind.String, start, startLine);
            }
            else if (c is 'b' or 'B' or 'x' or 'X' or 'n' or 'N' && At(i + 1) == '\'')
            {
                i++;
                ReadQuoted('\'', false, startLine, "string constant");
                Emit(SqlTokenKind.String, start, startLine);
            }
            else if (c is 'u' or 'U' && At(i + 1) == '&' && At(i + 2) is '\'' or '"')
            {
                var quote = At(i + 2);
                i += 2;
                ReadQuoted(quote, false, startLine, quote == '"' ? "quoted identifier" : "string constant");
                Emit(quote == '"' ? SqlTokenKind.QuotedIdentifier : SqlTokenKind.String, start, startLine);
            }
            else if (c == '"')
            {
                ReadQuoted('"', false, startLine, "quoted identifier");
                Emit(SqlTokenKind.QuotedIdentifier, start, startLine);
            }
            else if (c == '$')
            {
                var tag = DollarTagAt(s, i);
                if (tag is not null)
                {
                    var close = s.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                    if (close < 0)
                    {
                        errors?.Add(new SqlSyntaxError(startLine, $"unterminated dollar-quoted string {tag} starting here"));
                        Advance(n);
                    }
                    else
                    {
                        Advance(close + tag.Length);
                    }
                    Emit(SqlTokenKind.DollarString, start, startLine);
                }
                else if (char.IsAsciiDigit(At(i + 1)))
                {
                    var k = i + 1;
                    while (k < n && char.IsAsciiDigit(s[k]))
                        k++;
                    Advance(k);
                    Emit(SqlTokenKind.Parameter, start, startLine);
                }
                else
                {
                    i++;
                    Emit(SqlTokenKind.Symbol, start, startLine);
                }
            }
            else if (IsIdentifierStart(c))
            {
                var k = i + 1;
                while (k < n && (IsIdentifierStart(s[k]) || char.IsAsciiDigit(s[k]) || s[k] == '$'))
                    k++;
                i = k;
                Emit(SqlTokenKind.Word, start, startLine);
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(At(i + 1))))
            {
                var k = i;
                while (k < n && (char.IsAsciiDigit(s[k]) || s[k] is '.' or '_'))
                    k++;
                if (At(k) is 'e' or 'E' && (char.IsAsciiDigit(At(k + 1)) || (At(k + 1) is '+' or '-' && char.IsAsciiDigit(At(k + 2)))))
                {
                    k += 2;
                    while (k < n && char.IsAsciiDigit(s[k]))
                        k++;
                }
                i = k;
                Emit(SqlTokenKind.Number, start, startLine);
            }
            else if (c == ';')
            {
                i++;
                Emit(SqlTokenKind.Semicolon, start, startLine);
            }
            else
            {
                i++;
                Emit(SqlTokenKind.Symbol, start, startLine);
            }
        }
        return tokens;
    }

    /// <summary>The dollar-quote delimiter (<c>$$</c> or <c>$tag$</c>) starting at <paramref name="at"/>, if any.</summary>
    private static string? DollarTagAt(string s, int at)
    {
        var k = at + 1;
        if (k < s.Length && s[k] == '$')
            return "$$";
        if (k >= s.Length || !IsIdentifierStart(s[k]))
            return null;
        k++;
        while (k < s.Length && (IsIdentifierStart(s[k]) || char.IsAsciiDigit(s[k])))
            k++;
        return k < s.Length && s[k] == '$' ? s[at..(k + 1)] : null;
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_' || c >= '\u0080';
}
