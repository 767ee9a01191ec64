namespace Tally.Web.Features.Studios;

/// <summary>A studio (the tenant) as the API and the admin app show it.</summary>
/// <param name="TimeZone">IANA name of the studio's time zone; the admin app shows instants in it.</param>
public sealed record Studio(Guid Id, string Slug, string Name, string TimeZone);
