using System.ComponentModel;
using System.Text.RegularExpressions;

namespace Tally.Web.Features.Leads;

/// <summary>The fields of a lead a person writes: the body of POST and PUT, and what PATCH changes.</summary>
public sealed partial record LeadInput
{
    [Description("Given name; required, at most 100 characters.")]
    public string? FirstName { get; init; }

    [Description("Family name; at most 100 characters.")]
    public string? LastName { get; init; }

    [Description("The second person of a couple; at most 200 characters.")]
    public string? PartnerName { get; init; }

    [Description("Email address; an email or a phone is required.")]
    public string? Email { get; init; }

    [Description("Phone number, free text up to 40 characters.")]
    public string? Phone { get; init; }

    [Description("wedding, engagement, portrait, family, newborn, boudoir, corporate, event or other.")]
    public string? EventType { get; init; }

    [Description("The event's date, yyyy-mm-dd, between 2000-01-01 and 2100-12-31.")]
    public DateOnly? EventDate { get; init; }

    [Description("Where the event takes place; at most 200 characters.")]
    public string? Venue { get; init; }

    [Description("Expected guests, 0 to 100000.")]
    public int? GuestCount { get; init; }

    [Description("Budget, 0 or more; needs a currency.")]
    public decimal? Budget { get; init; }

    [Description("ISO 4217 code of the budget, such as EUR.")]
    public string? Currency { get; init; }

    [Description("How the lead heard of the studio: instagram, google, referral, website, wedding_wire, the_knot, facebook or other (the default).")]
    public string? Source { get; init; }

    [Description("What the lead wrote; at most 10000 characters.")]
    public string? Message { get; init; }

    [Description("The teammate the lead is assigned to (an active member's id), or null.")]
    public Guid? AssignedTo { get; init; }

    /// <summary>The input with blank strings as null and names trimmed, as it is stored.</summary>
    public LeadInput Normalized() => this with
    {
        FirstName = Clean(FirstName),
        LastName = Clean(LastName),
        PartnerName = Clean(PartnerName),
        Email = Clean(Email),
        Phone = Clean(Phone),
        EventType = Clean(EventType),
        Venue = Clean(Venue),
        Currency = Clean(Currency),
        Source = Clean(Source) ?? "other",
        Message = string.IsNullOrWhiteSpace(Message) ? null : Message,
    };

    /// <summary>The errors of each field by its JSON name (camelCase); empty when the input can be stored.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var e = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (FirstName is null)
        {
            e["firstName"] = ["Enter a first name."];
        }
        Length(e, "firstName", FirstName, 100);
        Length(e, "lastName", LastName, 100);
        Length(e, "partnerName", PartnerName, 200);
        Length(e, "phone", Phone, 40);
        Length(e, "venue", Venue, 200);
        Length(e, "message", Message, 10000);
        if (Email is not null && (Email.Length > 254 || !EmailShape().IsMatch(Email)))
        {
            e["email"] = ["Enter an email address such as name@example.com."];
        }
        if (Email is null && Phone is null)
        {
            e["email"] = ["Enter an email address or a phone number."];
        }
        if (EventType is not null && !LeadCodes.Has(LeadCodes.EventTypes, EventType))
        {
            e["eventType"] = [$"eventType must be one of: {string.Join(", ", LeadCodes.EventTypes)}."];
        }
        if (EventDate is { } date && (date < new DateOnly(2000, 1, 1) || date > new DateOnly(2100, 12, 31)))
        {
            e["eventDate"] = ["The event date must be between 2000-01-01 and 2100-12-31."];
        }
        if (GuestCount is < 0 or > 100000)
        {
            e["guestCount"] = ["Guests must be between 0 and 100000."];
        }
        if (Budget is { } budget && (budget < 0 || budget >= 10_000_000_000m || decimal.Round(budget, 2) != budget))
        {
            e["budget"] = ["The budget must be 0 or more, below 10,000,000,000, with at most 2 decimals."];
        }
        if (Currency is not null && !CurrencyShape().IsMatch(Currency))
        {
            e["currency"] = ["The currency is a 3-letter code such as EUR."];
        }
        else if (Budget is not null && Currency is null)
        {
            e["currency"] = ["Give the budget's currency."];
        }
        if (Source is not null && !LeadCodes.Has(LeadCodes.Sources, Source))
        {
            e["source"] = [$"source must be one of: {string.Join(", ", LeadCodes.Sources)}."];
        }
        return e;
    }

    private static void Length(Dictionary<string, string[]> e, string name, string? value, int max)
    {
        if (value is null || e.ContainsKey(name))
        {
            return;
        }
        if (value.Length > max)
        {
            e[name] = [$"At most {max} characters."];
        }
        else if (value.Contains('\0', StringComparison.Ordinal))
        {
            e[name] = ["The text contains a NUL character, which cannot be stored."];
        }
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // The database's own check (leads_email_format), so a value accepted here is accepted there.
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailShape();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyShape();
}
