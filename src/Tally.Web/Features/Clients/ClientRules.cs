using System.Text.RegularExpressions;

namespace Tally.Web.Features.Clients;

/// <summary>
/// The rules of a client's fields, the same as the clients table's CHECK constraints, checked
/// first here so each broken one is named by its field (the form shows it by the input, the API
/// in a 400's errors) instead of surfacing as a constraint name.
/// </summary>
public static partial class ClientRules
{
    public const int MaxEmailLength = 254;

    /// <summary>The values to store, or the errors by field (camelCase, as the API names them).</summary>
    public static (ClientValues? Values, Dictionary<string, string[]> Errors) Check(ClientInput input)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var firstName = Text(input.FirstName, "firstName", "First name", 100, errors, required: true);
        var lastName = Text(input.LastName, "lastName", "Last name", 100, errors);
        var partner = Text(input.PartnerName, "partnerName", "Partner's name", 200, errors);
        var email = Text(input.Email, "email", "Email", MaxEmailLength, errors, required: true);
        if (email is not null && !errors.ContainsKey("email") && !EmailShape().IsMatch(email))
        {
            errors["email"] = ["Email must look like name@example.com."];
        }
        var phone = Text(input.Phone, "phone", "Phone", 40, errors);
        var line1 = Text(input.AddressLine1, "addressLine1", "Address line 1", 200, errors);
        var line2 = Text(input.AddressLine2, "addressLine2", "Address line 2", 200, errors);
        var city = Text(input.City, "city", "City", 100, errors);
        var region = Text(input.Region, "region", "Region", 100, errors);
        var postal = Text(input.PostalCode, "postalCode", "Postal code", 20, errors);
        var country = Text(input.Country, "country", "Country", 2, errors)?.ToUpperInvariant();
        if (country is not null && !errors.ContainsKey("country") && !CountryShape().IsMatch(country))
        {
            errors["country"] = ["Country must be a two-letter ISO code, such as FR or US."];
        }
        var notes = Text(input.Notes, "notes", "Notes", 10_000, errors, trim: false);
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        return (new ClientValues(firstName!, lastName, partner, email!, phone, line1, line2, city, region, postal, country, notes), errors);
    }

    /// <summary>Trimmed text, null when blank; an error when required and blank, too long, or holding NUL (which PostgreSQL cannot store).</summary>
    internal static string? Text(string? value, string field, string label, int max, Dictionary<string, string[]> errors, bool required = false, bool trim = true)
    {
        var text = trim ? value?.Trim() : value;
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors[field] = [$"{label} is required."];
            }
            return null;
        }
        if (text.Length > max)
        {
            errors[field] = [$"{label} is at most {max:N0} characters."];
            return null;
        }
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            errors[field] = [$"{label} contains a NUL character, which cannot be stored."];
            return null;
        }
        return text;
    }

    // The clients_email_format constraint's pattern.
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();

    [GeneratedRegex("^[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex CountryShape();
}
