using System.Globalization;
using System.Text;

namespace Tally.Web.Features.Search;

/// <summary>
/// What a person typed in the search box, as tokens the database turns into a tsquery
/// (search_query in 0007_search.sql). Raw text never reaches tsquery syntax: a term holds letters
/// and digits only, or is the start of an email address (ASCII letters and digits joined by . _ +),
/// and goes in quoted as one lexeme; a phrase is plain text for phraseto_tsquery.
/// </summary>
/// <param name="Terms">Words that must all match, each as a prefix.</param>
/// <param name="Phrases">Quoted text whose words must appear in this order.</param>
/// <param name="Excluded">Words after a minus sign that must not appear.</param>
public sealed record ParsedSearch(IReadOnlyList<string> Terms, IReadOnlyList<string> Phrases, IReadOnlyList<string> Excluded)
{
    public const int MaxTerms = 10;
    public const int MaxTermLength = 50;

    /// <summary>Something must match: a query of exclusions alone would match nearly every row.</summary>
    public bool IsEmpty => Terms.Count == 0 && Phrases.Count == 0;

    /// <summary>
    /// One or two letters: nearly every word index entry starts with them, so the search lists the
    /// names that start with them instead (the btree prefix path of auth.search_candidates).
    /// </summary>
    public string? ShortPrefix =>
        Terms.Count == 1 && Phrases.Count == 0 && Excluded.Count == 0 && new StringInfo(Terms[0]).LengthInTextElements <= 2
            ? Terms[0]
            : null;

    /// <summary>The same search written back canonically: cache keys, "did you mean", saved criteria.</summary>
    public string Canonical =>
        string.Join(' ', Terms.Concat(Phrases.Select(p => $"\"{p}\"")).Concat(Excluded.Select(e => "-" + e)));

    public static ParsedSearch Parse(string? text)
    {
        var terms = new List<string>();
        var phrases = new List<string>();
        var excluded = new List<string>();
        var clean = Clean(text ?? "");

        // A query of digits and phone punctuation is a phone number: one term of its digits, which
        // the phone lexemes (every suffix of the number's digits) match whatever the formatting.
        var digits = new string(clean.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length >= 3 && clean.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.' or '/'))
        {
            return new ParsedSearch([digits[..Math.Min(digits.Length, MaxTermLength)]], [], []);
        }

        var i = 0;
        while (i < clean.Length)
        {
            if (char.IsWhiteSpace(clean[i]))
            {
                i++;
                continue;
            }
            var close = clean[i] == '"' ? clean.IndexOf('"', i + 1) : -1;
            if (close > i)
            {
                var phrase = string.Join(' ', Words(clean[(i + 1)..close]));
                if (phrase.Length > 0)
                {
                    phrases.Add(phrase.Length <= 200 ? phrase : phrase[..200]);
                }
                i = close + 1;
                continue;
            }
            var end = clean.IndexOf(' ', i);
            end = end < 0 ? clean.Length : end;
            var chunk = clean[i..end];
            i = end;
            if (chunk.Length > 1 && chunk[0] == '-')
            {
                excluded.AddRange(Words(chunk[1..]));
                continue;
            }
            // Of an email address, the words of its local part: the documents index those (and the
            // whole address), not the words of the domain (see search_contact_vector).
            var at = chunk.IndexOf('@');
            if (at < 0 && AddressFragment(chunk) is { } fragment)
            {
                terms.Add(fragment);
                continue;
            }
            terms.AddRange(Words(at >= 0 ? chunk[..at] : chunk));
        }

        return new ParsedSearch(Limit(terms), Limit(phrases), Limit(excluded));
    }

    /// <summary>NFC (so "Zoë" typed as e + combining diaeresis is one letter), no control characters.</summary>
    private static string Clean(string text)
    {
        var normalized = Normalize(text);
        var builder = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            builder.Append(char.IsControl(c) || char.IsWhiteSpace(c) ? ' ' : c);
        }
        return builder.ToString().Trim();
    }

    private static string Normalize(string text)
    {
        try
        {
            return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Lone surrogates and noncharacters (U+FFFE) cannot be normalized; they are dropped
            // with the other non-letters.
            return text;
        }
    }

    /// <summary>Runs of letters, digits and combining marks, lower-cased; everything else separates.</summary>
    private static IEnumerable<string> Words(string text)
    {
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark)
            {
                word.Append(c);
                continue;
            }
            if (word.Length > 0)
            {
                yield return Finish(word);
            }
        }
        if (word.Length > 0)
        {
            yield return Finish(word);
        }
    }

    private static string Finish(StringBuilder word)
    {
        var text = word.ToString().ToLowerInvariant();
        word.Clear();
        return text.Length <= MaxTermLength ? text : text[..MaxTermLength];
    }

    /// <summary>
    /// The start of an email address typed with its dots ("burdette.kil"): ASCII letters and digits
    /// joined by '.', '_' or '+'. One term, which search_term_query matches as a prefix of the whole
    /// addresses the documents hold (one index entry per address in that range). Split into words
    /// instead, its short last word ("kil") made the index gather every row with a word starting
    /// with it: the candidates of the three types took 5.7 ms on the largest studio as two words,
    /// 1.4 ms as one.
    /// </summary>
    private static string? AddressFragment(string chunk)
    {
        var text = chunk.TrimEnd('.', '_', '+').ToLowerInvariant();
        if (text.Length < 3 || text.Length > MaxTermLength || !char.IsAsciiLetterOrDigit(text[0]) || text.IndexOfAny(['.', '_', '+']) < 0)
        {
            return null;
        }
        return text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '+') ? text : null;
    }

    private static List<string> Limit(List<string> values) => values.Distinct(StringComparer.Ordinal).Take(MaxTerms).ToList();
}
