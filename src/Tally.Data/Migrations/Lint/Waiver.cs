using System.Text.RegularExpressions;

namespace Tally.Data.Migrations.Lint;

/// <summary>
/// A <c>-- lint:allow &lt;rule&gt; &lt;reason…&gt;</c> comment. It suppresses <see cref="Rule"/> for the
/// statement it belongs to, provided the rule exists and the reason has at least
/// <see cref="LintRules.MinimumReasonWords"/> words.
/// </summary>
internal sealed partial record Waiver(string Rule, string Reason, int Line)
{
    public const string Marker = "lint:allow";

    public int ReasonWords => Reason.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>Every waiver in the comments; a comment may hold several, one per line.</summary>
    public static List<Waiver> Parse(IEnumerable<SqlComment> comments)
    {
        var waivers = new List<Waiver>();
        foreach (var comment in comments)
        {
            var lines = comment.Text.Split('\n');
            for (var k = 0; k < lines.Length; k++)
            {
                foreach (Match match in WaiverPattern().Matches(lines[k]))
                {
                    var rule = match.Groups["rule"].Value.ToLowerInvariant();
                    var reason = match.Groups["reason"].Value.Trim().TrimEnd('*', '/').Trim();
                    waivers.Add(new Waiver(rule, reason, comment.Line + k));
                }
            }
        }
        return waivers;
    }

    /// <summary>What is wrong with this waiver, or null when it is usable.</summary>
    public (string Rule, string Message)? Problem()
    {
        if (Rule.Length == 0)
            return (LintRules.UnknownRule, $"'{Marker}' names no rule; write '-- {Marker} <rule> <reason>' with one of: {string.Join(", ", LintRules.Waivable)}");
        if (!LintRules.IsWaivable(Rule))
            return (LintRules.UnknownRule, $"'{Marker} {Rule}' names no waivable rule; known rules: {string.Join(", ", LintRules.Waivable)}");
        if (ReasonWords < LintRules.MinimumReasonWords)
            return (LintRules.WaiverWithoutReason, $"'{Marker} {Rule}' needs a reason of at least {LintRules.MinimumReasonWords} words saying why this is safe (e.g. which deploy stopped using the column)");
        return null;
    }

    // "lint:allow" at a word boundary, then the rule name, then the free-text reason up to the end of the line.
    [GeneratedRegex(@"(?<![\w-])lint:allow(?![\w-])[ \t]*(?<rule>[A-Za-z0-9_-]*)(?<reason>[^\r\n]*)", RegexOptions.CultureInvariant)]
    private static partial Regex WaiverPattern();
}
