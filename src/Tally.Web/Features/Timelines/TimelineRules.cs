using System.Globalization;

namespace Tally.Web.Features.Timelines;

/// <summary>What a timeline template may hold; the same limits as the CHECK constraints of timeline_templates.</summary>
internal static class TimelineRules
{
    public static readonly string[] SessionTypes =
        ["wedding", "engagement", "portrait", "family", "newborn", "boudoir", "corporate", "event", "other"];

    public const int MaxNameLength = 200;
    public const int MaxDescriptionLength = 5000;
    public const int MaxTitleLength = 200;
    public const int MaxSteps = 100;
    public const int MaxOffsetDays = 730;

    /// <summary>A valid template, or the errors by field (API names: sessionType, name, description, steps, steps[3].title …).</summary>
    public static (ValidTemplate? Template, Dictionary<string, string[]> Errors) Validate(TimelineTemplateInput? input)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (input is null)
        {
            errors["body"] = ["Send a JSON object with sessionType, name and steps."];
            return (null, errors);
        }
        var type = input.SessionType?.Trim();
        if (string.IsNullOrEmpty(type) || !SessionTypes.Contains(type, StringComparer.Ordinal))
        {
            errors["sessionType"] = [$"Choose one of: {string.Join(", ", SessionTypes)}."];
        }
        var name = input.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            errors["name"] = [$"Give the template a name of 1 to {MaxNameLength} characters."];
        }
        else if (HasControl(name))
        {
            errors["name"] = ["The name may not contain control characters."];
        }
        var description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        if (description is { Length: > MaxDescriptionLength })
        {
            errors["description"] = [$"The description is at most {MaxDescriptionLength} characters."];
        }
        var steps = new List<TemplateStep>();
        if (input.Steps is null || input.Steps.Count == 0)
        {
            errors["steps"] = ["Give the template at least one step."];
        }
        else if (input.Steps.Count > MaxSteps)
        {
            errors["steps"] = [$"A template has at most {MaxSteps} steps."];
        }
        else
        {
            for (var i = 0; i < input.Steps.Count; i++)
            {
                var step = input.Steps[i];
                var title = step?.Title?.Trim();
                if (string.IsNullOrEmpty(title) || title.Length > MaxTitleLength || HasControl(title))
                {
                    errors[$"steps[{i}].title"] = [$"Step {i + 1} needs a title of 1 to {MaxTitleLength} characters, without control characters."];
                }
                if (step?.OffsetDays is not { } offset || offset < -MaxOffsetDays || offset > MaxOffsetDays)
                {
                    errors[$"steps[{i}].offsetDays"] = [$"Step {i + 1} needs a whole number of days from -{MaxOffsetDays} to {MaxOffsetDays}."];
                }
                else if (title is { Length: > 0 })
                {
                    steps.Add(new TemplateStep(title, offset));
                }
            }
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        // Chronological, and stable for steps on the same day: the timeline reads top to bottom.
        var ordered = steps.Select((s, i) => (s, i)).OrderBy(x => x.s.OffsetDays).ThenBy(x => x.i).Select(x => x.s).ToList();
        return (new ValidTemplate(type!, name!, description, input.IsDefault ?? false, ordered), errors);
    }

    /// <summary>
    /// The steps of the page's text area, one per line: "Questionnaire sent: -30" or "Gallery delivered: +21"
    /// (the number after the last colon; a typographic minus − counts as a minus). Errors name the line.
    /// </summary>
    public static (List<TemplateStepInput> Steps, List<string> Errors) ParseLines(string? text)
    {
        var steps = new List<TemplateStepInput>();
        var errors = new List<string>();
        var lines = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var colon = line.LastIndexOf(':');
            var number = colon < 0 ? "" : line[(colon + 1)..].Trim().Replace('\u2212', '-').Replace("days", "", StringComparison.OrdinalIgnoreCase).Replace("day", "", StringComparison.OrdinalIgnoreCase).Trim();
            if (colon <= 0 || !int.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var offset))
            {
                errors.Add($"Line {i + 1}: write the step as “title: days”, such as “Questionnaire sent: -30”.");
                continue;
            }
            steps.Add(new TemplateStepInput(line[..colon].Trim(), offset));
        }
        return (steps, errors);
    }

    /// <summary>The steps as the page's text area shows them.</summary>
    public static string ToLines(IEnumerable<TemplateStep> steps) =>
        string.Join("\n", steps.Select(s => $"{s.Title}: {Offset(s.OffsetDays)}"));

    /// <summary>"−30 days", "+21 days", "on the day".</summary>
    public static string Describe(int offset) => offset switch
    {
        0 => "on the day",
        1 => "+1 day",
        -1 => "−1 day",
        > 0 => $"+{offset.ToString(CultureInfo.InvariantCulture)} days",
        _ => $"−{(-offset).ToString(CultureInfo.InvariantCulture)} days",
    };

    private static string Offset(int offset) => offset > 0 ? "+" + offset.ToString(CultureInfo.InvariantCulture) : offset.ToString(CultureInfo.InvariantCulture);

    private static bool HasControl(string value) => value.Any(char.IsControl);
}

/// <summary>A template that passed <see cref="TimelineRules.Validate"/>.</summary>
internal sealed record ValidTemplate(string SessionType, string Name, string? Description, bool IsDefault, IReadOnlyList<TemplateStep> Steps);
