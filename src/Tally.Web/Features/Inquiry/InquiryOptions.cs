namespace Tally.Web.Features.Inquiry;

/// <summary>Limits of the public inquiry form, from configuration section Tally:Inquiry.</summary>
public sealed class InquiryOptions
{
    public const string Section = "Tally:Inquiry";

    /// <summary>Inquiries one IP address may post per <see cref="Window"/>.</summary>
    public int PermitLimit { get; set; } = 5;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Largest request body the form accepts, in bytes. The longest valid inquiry (a 10,000-character
    /// message of four-byte characters, percent-encoded) stays well under it.
    /// </summary>
    public long MaxBodyBytes { get; set; } = 256 * 1024;
}
