namespace Tally.Web.Features.Inquiry;

/// <summary>What the public inquiry form knows of a studio (auth.inquiry_studio).</summary>
public sealed record InquiryStudio(Guid Id, string Slug, string Name, string DefaultCurrency);
