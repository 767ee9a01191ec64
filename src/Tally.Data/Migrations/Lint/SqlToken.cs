namespace Tally.Data.Migrations.Lint;

public enum SqlTokenKind
{
    /// <summary>An unquoted identifier or keyword (<c>ALTER</c>, <c>leads</c>, <c>my$col</c>).</summary>
    Word,

    /// <summary>A double-quoted identifier (<c>"Leads"</c>, <c>U&amp;"d\0061t"</c>).</summary>
    QuotedIdentifier,

    /// <summary>A single-quoted string constant, including <c>E''</c>, <c>B''</c>, <c>X''</c>, <c>N''</c> and <c>U&amp;''</c> forms.</summary>
    String,

    /// <summary>A dollar-quoted string (<c>$$…$$</c>, <c>$body$…$body$</c>).</summary>
    DollarString,

    Number,

    /// <summary>A positional parameter such as <c>$1</c>.</summary>
    Parameter,

    /// <summary>Any other single punctuation or operator character.</summary>
    Symbol,

    Semicolon,
    LineComment,
    BlockComment,
}

/// <summary>A lexical token of a PostgreSQL script.</summary>
/// <param name="Kind">What kind of token it is.</param>
/// <param name="Text">The exact source text of the token, quotes and comment markers included.</param>
/// <param name="Line">1-based line on which the token starts.</param>
public sealed record SqlToken(SqlTokenKind Kind, string Text, int Line)
{
    public bool IsComment => Kind is SqlTokenKind.LineComment or SqlTokenKind.BlockComment;

    /// <summary>True for an unquoted word equal to <paramref name="keyword"/>, ignoring case.</summary>
    /// <remarks>A quoted identifier never matches: <c>"drop"</c> is a name, not the keyword.</remarks>
    public bool IsKeyword(string keyword) =>
        Kind == SqlTokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);

    public bool IsSymbol(char symbol) => Kind == SqlTokenKind.Symbol && Text.Length == 1 && Text[0] == symbol;

    public bool IsIdentifier => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;

    /// <summary>
    /// The name this token denotes as PostgreSQL resolves it: unquoted words fold to lower case,
    /// quoted identifiers keep their case and lose their quotes. Null for non-identifiers.
    /// </summary>
    public string? Identifier => Kind switch
    {
        SqlTokenKind.Word => Text.ToLowerInvariant(),
        SqlTokenKind.QuotedIdentifier => UnquoteIdentifier(Text),
        _ => null,
    };

    /// <summary>The value of a string constant, or the text of any other token (best effort, for settings).</summary>
    public string Value => Kind switch
    {
        SqlTokenKind.String => UnquoteString(Text),
        SqlTokenKind.DollarString => UnquoteDollar(Text),
        _ => Text,
    };

    private static string UnquoteIdentifier(string text)
    {
        var start = text.IndexOf('"', StringComparison.Ordinal);
        var inner = text.Length - start >= 2 ? text[(start + 1)..^1] : string.Empty;
        return inner.Replace("\"\"", "\"", StringComparison.Ordinal);
    }

    private static string UnquoteString(string text)
    {
        var start = text.IndexOf('\'', StringComparison.Ordinal);
        if (start < 0 || text.Length - start < 2)
            return string.Empty;
        return text[(start + 1)..^1].Replace("''", "'", StringComparison.Ordinal);
    }

    private static string UnquoteDollar(string text)
    {
        var tagEnd = text.IndexOf('$', 1);
        var tagLength = tagEnd + 1;
        return text.Length >= tagLength * 2 ? text[tagLength..^tagLength] : string.Empty;
    }
}

/// <summary>A comment attached to a statement, with the marker stripped (<c>--</c> or <c>/* */</c>).</summary>
/// <param name="Text">The comment's content.</param>
/// <param name="Line">1-based line on which the comment starts.</param>
public sealed record SqlComment(string Text, int Line)
{
    internal static SqlComment From(SqlToken token)
    {
        var text = token.Kind == SqlTokenKind.LineComment
            ? token.Text[2..]
            : token.Text.EndsWith("*/", StringComparison.Ordinal) && token.Text.Length >= 4
                ? token.Text[2..^2]
                : token.Text[2..];
        return new SqlComment(text, token.Line);
    }
}

/// <summary>Something the lexer could not read, such as an unterminated string.</summary>
public sealed record SqlSyntaxError(int Line, string Message);
