namespace Tally.Web.Features.Search;

/// <summary>
/// ts_headline marks matches with two private-use characters instead of HTML, so the text stays
/// plain: the page and the script render the segments as text (escaped) with &lt;mark&gt; around
/// matches, and nothing a record holds can become markup. The source text has these two
/// characters removed before ts_headline sees it (SearchSql).
/// </summary>
internal static class Highlight
{
    public const char Start = '\uE000';
    public const char Stop = '\uE001';

    public static IReadOnlyList<TextSegment> Segments(string? marked)
    {
        var segments = new List<TextSegment>();
        if (string.IsNullOrEmpty(marked))
        {
            return segments;
        }
        var match = false;
        var from = 0;
        for (var i = 0; i <= marked.Length; i++)
        {
            if (i < marked.Length && marked[i] != Start && marked[i] != Stop)
            {
                continue;
            }
            if (i > from)
            {
                segments.Add(new TextSegment(marked[from..i], match));
            }
            if (i < marked.Length)
            {
                match = marked[i] == Start;
            }
            from = i + 1;
        }
        return segments;
    }
}
