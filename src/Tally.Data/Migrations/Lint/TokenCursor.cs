namespace Tally.Data.Migrations.Lint;

/// <summary>A possibly schema-qualified relation name, resolved the way PostgreSQL folds identifiers.</summary>
/// <param name="Schema">The schema, or null when the name is unqualified.</param>
/// <param name="Name">The relation name.</param>
/// <param name="Display">The name as written in the script.</param>
internal sealed record RelationName(string? Schema, string Name, string Display)
{
    /// <summary>
    /// The key used to recognise the same table however it is written. Unqualified names are taken
    /// to be in <c>public</c>, so <c>leads</c>, <c>"leads"</c> and <c>public.leads</c> are one table.
    /// </summary>
    public string Key => $"{Schema ?? "public"}.{Name}";

    public RelationName WithName(string name, string display) => new(Schema, name, display);

    public override string ToString() => Display;
}

/// <summary>A forward-only reader over a statement's tokens.</summary>
internal sealed class TokenCursor(IReadOnlyList<SqlToken> tokens, int position = 0)
{
    public IReadOnlyList<SqlToken> Tokens { get; } = tokens;

    public int Position { get; set; } = position;

    public SqlToken? Current => Position < Tokens.Count ? Tokens[Position] : null;

    public bool AtEnd => Position >= Tokens.Count;

    public SqlToken? At(int offset) => Position + offset < Tokens.Count ? Tokens[Position + offset] : null;

    /// <summary>True when the next tokens are exactly these keywords, in order.</summary>
    public bool Peek(params string[] keywords)
    {
        for (var k = 0; k < keywords.Length; k++)
        {
            if (At(k)?.IsKeyword(keywords[k]) != true)
                return false;
        }
        return true;
    }

    /// <summary>Consumes the keywords when <see cref="Peek"/> matches.</summary>
    public bool Accept(params string[] keywords)
    {
        if (!Peek(keywords))
            return false;
        Position += keywords.Length;
        return true;
    }

    /// <summary>Consumes one token when it is any of the keywords.</summary>
    public bool AcceptAny(params string[] keywords)
    {
        if (Current is { } token && keywords.Any(token.IsKeyword))
        {
            Position++;
            return true;
        }
        return false;
    }

    public bool AcceptSymbol(char symbol)
    {
        if (Current?.IsSymbol(symbol) != true)
            return false;
        Position++;
        return true;
    }

    /// <summary>Reads one identifier (unquoted or quoted); null if the next token is not one.</summary>
    public SqlToken? ReadIdentifier()
    {
        if (Current is not { IsIdentifier: true } token)
            return null;
        Position++;
        return token;
    }

    /// <summary>Reads <c>name</c>, <c>schema.name</c> or <c>db.schema.name</c>.</summary>
    public RelationName? ReadName()
    {
        var parts = new List<SqlToken>();
        if (ReadIdentifier() is not { } first)
            return null;
        parts.Add(first);
        while (Current?.IsSymbol('.') == true && At(1) is { IsIdentifier: true } next)
        {
            Position += 2;
            parts.Add(next);
        }
        var display = string.Join('.', parts.Select(p => p.Text));
        var name = parts[^1].Identifier!;
        var schema = parts.Count >= 2 ? parts[^2].Identifier : null;
        return new RelationName(schema, name, display);
    }

    /// <summary>Reads a comma-separated list of names.</summary>
    public List<RelationName> ReadNameList()
    {
        var names = new List<RelationName>();
        while (ReadName() is { } name)
        {
            names.Add(name);
            if (!AcceptSymbol(','))
                break;
        }
        return names;
    }

    /// <summary>Index of the first occurrence of the keyword sequence at parenthesis depth 0, from <see cref="Position"/>.</summary>
    public int Find(params string[] keywords)
    {
        var depth = 0;
        for (var k = Position; k < Tokens.Count; k++)
        {
            var token = Tokens[k];
            if (token.IsSymbol('('))
                depth++;
            else if (token.IsSymbol(')'))
                depth = Math.Max(0, depth - 1);
            else if (depth == 0 && Matches(k, keywords))
                return k;
        }
        return -1;
    }

    public bool Contains(params string[] keywords) => Find(keywords) >= 0;

    private bool Matches(int at, string[] keywords)
    {
        for (var k = 0; k < keywords.Length; k++)
        {
            if (at + k >= Tokens.Count || !Tokens[at + k].IsKeyword(keywords[k]))
                return false;
        }
        return true;
    }

    /// <summary>Splits the tokens from <see cref="Position"/> at commas of parenthesis depth 0.</summary>
    public List<IReadOnlyList<SqlToken>> SplitAtTopLevelCommas()
    {
        var parts = new List<IReadOnlyList<SqlToken>>();
        var part = new List<SqlToken>();
        var depth = 0;
        for (var k = Position; k < Tokens.Count; k++)
        {
            var token = Tokens[k];
            if (token.IsSymbol('('))
                depth++;
            else if (token.IsSymbol(')'))
                depth = Math.Max(0, depth - 1);
            if (depth == 0 && token.IsSymbol(','))
            {
                parts.Add(part);
                part = [];
                continue;
            }
            part.Add(token);
        }
        if (part.Count > 0)
            parts.Add(part);
        return parts;
    }
}
