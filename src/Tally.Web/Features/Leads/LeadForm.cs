using System.Globalization;

namespace Tally.Web.Features.Leads;

/// <summary>The lead editor's form, as text: parsed into a <see cref="LeadInput"/> with errors per field.</summary>
public sealed class LeadForm
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? PartnerName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? EventType { get; set; }
    public string? EventDate { get; set; }
    public string? Venue { get; set; }
    public string? GuestCount { get; set; }
    public string? Budget { get; set; }
    public string? Currency { get; set; }
    public string? Source { get; set; }
    public string? Message { get; set; }
    public string? AssignedTo { get; set; }

    /// <summary>The row version the form was filled from (edit only).</summary>
    public string? Version { get; set; }

    public static LeadForm From(LeadDetail l) => new()
    {
        FirstName = l.FirstName,
        LastName = l.LastName,
        PartnerName = l.PartnerName,
        Email = l.Email,
        Phone = l.Phone,
        EventType = l.EventType,
        EventDate = l.EventDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Venue = l.Venue,
        GuestCount = l.GuestCount?.ToString(CultureInfo.InvariantCulture),
        Budget = l.Budget?.ToString(CultureInfo.InvariantCulture),
        Currency = l.Currency,
        Source = l.Source,
        Message = l.Message,
        AssignedTo = l.AssignedTo?.ToString(),
        Version = l.Version,
    };

    public (LeadInput? Input, Dictionary<string, string[]> Errors) ToInput()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        DateOnly? date = null;
        if (!string.IsNullOrWhiteSpace(EventDate))
        {
            if (DateOnly.TryParseExact(EventDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                date = d;
            }
            else
            {
                errors["eventDate"] = ["Enter the date as yyyy-mm-dd."];
            }
        }
        int? guests = null;
        if (!string.IsNullOrWhiteSpace(GuestCount))
        {
            if (int.TryParse(GuestCount.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var g))
            {
                guests = g;
            }
            else
            {
                errors["guestCount"] = ["Enter a whole number of guests."];
            }
        }
        decimal? budget = null;
        if (!string.IsNullOrWhiteSpace(Budget))
        {
            if (decimal.TryParse(Budget.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var b))
            {
                budget = b;
            }
            else
            {
                errors["budget"] = ["Enter the budget as a number, such as 4500 or 4500.50."];
            }
        }
        Guid? assigned = null;
        if (!string.IsNullOrWhiteSpace(AssignedTo))
        {
            if (Guid.TryParse(AssignedTo, out var a))
            {
                assigned = a;
            }
            else
            {
                errors["assignedTo"] = ["Choose an active teammate."];
            }
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        return (new LeadInput
        {
            FirstName = FirstName,
            LastName = LastName,
            PartnerName = PartnerName,
            Email = Email,
            Phone = Phone,
            EventType = EventType,
            EventDate = date,
            Venue = Venue,
            GuestCount = guests,
            Budget = budget,
            Currency = Currency?.Trim().ToUpperInvariant(),
            Source = Source,
            Message = Message,
            AssignedTo = assigned,
        }, errors);
    }
}
