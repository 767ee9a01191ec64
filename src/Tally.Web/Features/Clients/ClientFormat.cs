namespace Tally.Web.Features.Clients;

/// <summary>How the admin app writes a client for a person.</summary>
internal static class ClientFormat
{
    /// <summary>"Amélie Laurent & Hugo Martin", or the parts there are.</summary>
    public static string Name(string firstName, string? lastName, string? partnerName)
    {
        var name = string.IsNullOrWhiteSpace(lastName) ? firstName : $"{firstName} {lastName}";
        return string.IsNullOrWhiteSpace(partnerName) ? name : $"{name} & {partnerName}";
    }

    /// <summary>The address as lines, blank parts left out.</summary>
    public static IEnumerable<string> AddressLines(Client c)
    {
        foreach (var line in new[] { c.AddressLine1, c.AddressLine2 })
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return line;
            }
        }
        var town = string.Join(" ", new[] { c.PostalCode, c.City }.Where(p => !string.IsNullOrWhiteSpace(p)));
        var region = string.Join(", ", new[] { town, c.Region, c.Country }.Where(p => !string.IsNullOrWhiteSpace(p)));
        if (region.Length > 0)
        {
            yield return region;
        }
    }
}
