namespace Tally.Web.Features.Inquiry;

/// <summary>The inquiry form as posted: every field a string, so any input can be shown back and judged.</summary>
public sealed class InquiryInput
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? PartnerName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? EventType { get; set; }
    public string? EventDate { get; set; }
    public string? Budget { get; set; }
    public string? Source { get; set; }
    public string? Message { get; set; }

    /// <summary>The honeypot: hidden from people, filled by form-filling bots.</summary>
    public string? Website { get; set; }
}

/// <summary>A valid inquiry, ready for auth.submit_inquiry.</summary>
public sealed record Inquiry(
    string FirstName, string LastName, string? PartnerName, string Email, string? Phone,
    string EventType, DateOnly? EventDate, decimal? Budget, string Source, string? Message);
