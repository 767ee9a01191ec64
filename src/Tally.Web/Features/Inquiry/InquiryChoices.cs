namespace Tally.Web.Features.Inquiry;

/// <summary>The choices of the form: the values of leads_event_type_check and leads_source_check, with their labels.</summary>
public static class InquiryChoices
{
    public static readonly IReadOnlyList<(string Value, string Label)> EventTypes =
    [
        ("wedding", "Wedding"),
        ("engagement", "Engagement"),
        ("portrait", "Portrait"),
        ("family", "Family"),
        ("newborn", "Newborn"),
        ("boudoir", "Boudoir"),
        ("corporate", "Corporate"),
        ("event", "Event"),
        ("other", "Something else"),
    ];

    public static readonly IReadOnlyList<(string Value, string Label)> Sources =
    [
        ("instagram", "Instagram"),
        ("google", "Google"),
        ("referral", "A friend or a referral"),
        ("website", "Your website"),
        ("wedding_wire", "WeddingWire"),
        ("the_knot", "The Knot"),
        ("facebook", "Facebook"),
        ("other", "Somewhere else"),
    ];

    public static bool IsEventType(string? value) => EventTypes.Any(c => c.Value == value);

    public static bool IsSource(string? value) => Sources.Any(c => c.Value == value);
}
