using System.ComponentModel;

namespace Tally.Web.Features.Timelines;

/// <summary>One step of a template: a task due some days before (negative) or after (positive) the session date.</summary>
public sealed record TemplateStep(
    [property: Description("What to do, such as \"Questionnaire sent\".")] string Title,
    [property: Description("Days from the session date: -30 is thirty days before, 21 three weeks after.")] int OffsetDays);

/// <summary>A timeline template: the ordered task list of one session type.</summary>
public sealed record TimelineTemplate(
    Guid Id,
    [property: Description("wedding, engagement, portrait, family, newborn, boudoir, corporate, event or other.")] string SessionType,
    string Name,
    string? Description,
    [property: Description("The template applied when none is chosen for a session of its type; at most one per type.")] bool IsDefault,
    IReadOnlyList<TemplateStep> Steps,
    [property: Description("The template's version; send it back in If-Match to update only what you read.")] string Version);

/// <summary>The body of creating or replacing a timeline template.</summary>
public sealed record TimelineTemplateInput(
    [property: Description("wedding, engagement, portrait, family, newborn, boudoir, corporate, event or other.")] string? SessionType,
    [property: Description("1 to 200 characters, unique per session type.")] string? Name,
    [property: Description("At most 5000 characters.")] string? Description,
    bool? IsDefault,
    [property: Description("1 to 100 steps; kept in order of their offset.")] IReadOnlyList<TemplateStepInput>? Steps);

/// <summary>A step as a request gives it.</summary>
public sealed record TemplateStepInput(string? Title, int? OffsetDays);

/// <summary>The body of applying a template to a session.</summary>
public sealed record ApplyTimeline([property: Description("The template to apply.")] Guid? TemplateId);

/// <summary>The body of checking a step off or on again.</summary>
public sealed record StepChange([property: Description("true: done now, by you; false: not done.")] bool? Done);

/// <summary>One task of a session's timeline.</summary>
public sealed record TimelineStep(
    Guid Id,
    string Title,
    string? Notes,
    DateOnly? DueDate,
    int SortOrder,
    Guid? TemplateId,
    DateTime? CompletedAt,
    [property: Description("Who checked the step off (team member's name), when done.")] string? CompletedBy,
    [property: Description("Not done and due before today in the studio's time zone.")] bool Overdue);

/// <summary>A session's timeline: its steps by due date, and what today is where the studio is.</summary>
public sealed record SessionTimeline(
    Guid SessionId,
    string SessionTitle,
    string SessionType,
    DateTime? StartsAt,
    [property: Description("The session's date in the studio's time zone, from which offsets count.")] DateOnly? SessionDate,
    DateOnly Today,
    IReadOnlyList<TimelineStep> Steps);

/// <summary>An open step due soon or overdue, with its session.</summary>
public sealed record DueStep(
    Guid Id,
    Guid SessionId,
    string SessionTitle,
    string? ClientName,
    string Title,
    DateOnly DueDate,
    bool Overdue);

/// <summary>The "due this week" list: open steps due in the next 7 days and every overdue one.</summary>
public sealed record DueList(DateOnly Today, DateOnly Until, IReadOnlyList<DueStep> Steps);
