using System.Globalization;
using System.Text.RegularExpressions;

namespace Tally.Web.Features.Inquiry;

/// <summary>
/// Judges a posted inquiry field by field. The limits are the leads table's CHECK constraints, so
/// whatever passes here the table accepts; the messages name the field and say how to fix it.
/// </summary>
public static partial class InquiryRules
{
    public const int NameMax = 100;
    public const int PartnerMax = 200;
    public const int EmailMax = 254;
    public const int PhoneMax = 40;
    public const int MessageMax = 10000;
    public const decimal BudgetMax = 9_999_999_999.99m;

    /// <summary>The form's fields in page order, with the label the messages use.</summary>
    public static readonly IReadOnlyList<(string Field, string Label)> Fields =
    [
        (nameof(InquiryInput.FirstName), "First name"),
        (nameof(InquiryInput.LastName), "Last name"),
        (nameof(InquiryInput.PartnerName), "Partner's name"),
        (nameof(InquiryInput.Email), "Email"),
        (nameof(InquiryInput.Phone), "Phone"),
        (nameof(InquiryInput.EventType), "Type of event"),
        (nameof(InquiryInput.EventDate), "Event date"),
        (nameof(InquiryInput.Budget), "Budget"),
        (nameof(InquiryInput.Source), "How you heard of us"),
        (nameof(InquiryInput.Message), "Message"),
    ];

    /// <summary>The valid inquiry, or the errors by field name (nothing is valid then).</summary>
    public static (Inquiry? Inquiry, Dictionary<string, string> Errors) Validate(InquiryInput input, DateOnly today)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var firstName = Text(input.FirstName, nameof(InquiryInput.FirstName), "First name", NameMax, required: true, errors);
        var lastName = Text(input.LastName, nameof(InquiryInput.LastName), "Last name", NameMax, required: true, errors);
        var partner = Text(input.PartnerName, nameof(InquiryInput.PartnerName), "Partner's name", PartnerMax, required: false, errors);
        var email = Email(input.Email, errors);
        var phone = Phone(input.Phone, errors);
        var eventType = Clean(input.EventType);
        if (eventType is null)
        {
            errors[nameof(InquiryInput.EventType)] = "Choose the type of event.";
        }
        else if (!InquiryChoices.IsEventType(eventType))
        {
            errors[nameof(InquiryInput.EventType)] = "Choose a type of event from the list.";
        }
        var eventDate = EventDate(input.EventDate, today, errors);
        var budget = Budget(input.Budget, errors);
        var source = Clean(input.Source);
        if (source is null)
        {
            errors[nameof(InquiryInput.Source)] = "Tell us how you heard of us.";
        }
        else if (!InquiryChoices.IsSource(source))
        {
            errors[nameof(InquiryInput.Source)] = "Choose how you heard of us from the list.";
        }
        var message = Text(input.Message, nameof(InquiryInput.Message), "Message", MessageMax, required: false, errors, multiline: true);

        return errors.Count > 0
            ? (null, errors)
            : (new Inquiry(firstName!, lastName!, partner, email!, phone, eventType!, eventDate, budget, source!, message), errors);
    }

    /// <summary>Trimmed, or null when empty.</summary>
    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Text(string? raw, string field, string label, int max, bool required, Dictionary<string, string> errors, bool multiline = false)
    {
        var value = Clean(raw);
        if (value is null)
        {
            if (required)
            {
                errors[field] = $"{label} is required.";
            }
            return null;
        }
        if (multiline)
        {
            value = value.Replace("\r\n", "\n", StringComparison.Ordinal);
        }
        if (!IsPlainText(value, multiline))
        {
            errors[field] = $"{label} contains characters that cannot be stored (control characters).";
            return null;
        }
        // The table counts characters (code points), as char_length does.
        var length = CodePoints(value);
        if (length > max)
        {
            errors[field] = $"{label} is too long: {length:N0} characters, at most {max:N0}.";
            return null;
        }
        return value;
    }

    private static string? Email(string? raw, Dictionary<string, string> errors)
    {
        const string Field = nameof(InquiryInput.Email);
        var value = Clean(raw);
        if (value is null)
        {
            errors[Field] = "Email is required, so that we can answer you.";
            return null;
        }
        if (value.Length > EmailMax)
        {
            errors[Field] = $"Email is too long: at most {EmailMax} characters.";
            return null;
        }
        if (!EmailShape().IsMatch(value) || !IsPlainText(value, multiline: false) || value.Any(char.IsWhiteSpace))
        {
            errors[Field] = "Email does not look like an address, such as name@example.com.";
            return null;
        }
        return value;
    }

    private static string? Phone(string? raw, Dictionary<string, string> errors)
    {
        const string Field = nameof(InquiryInput.Phone);
        var value = Clean(raw);
        if (value is null)
        {
            return null;
        }
        if (value.Length > PhoneMax)
        {
            errors[Field] = $"Phone is too long: at most {PhoneMax} characters.";
            return null;
        }
        if (!PhoneShape().IsMatch(value))
        {
            errors[Field] = "Phone may hold digits, spaces and + ( ) - . / only, such as +1 555 010 2030.";
            return null;
        }
        return value;
    }

    private static DateOnly? EventDate(string? raw, DateOnly today, Dictionary<string, string> errors)
    {
        const string Field = nameof(InquiryInput.EventDate);
        var value = Clean(raw);
        if (value is null)
        {
            return null;
        }
        if (!DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            errors[Field] = "Event date is not a date; use the form YYYY-MM-DD, such as 2027-06-12.";
            return null;
        }
        // A day of slack: the visitor's today may still be yesterday in UTC.
        if (date < today.AddDays(-1))
        {
            errors[Field] = "Event date is in the past.";
            return null;
        }
        if (date > new DateOnly(2100, 12, 31))
        {
            errors[Field] = "Event date is too far ahead (at most 2100-12-31).";
            return null;
        }
        return date;
    }

    private static decimal? Budget(string? raw, Dictionary<string, string> errors)
    {
        const string Field = nameof(InquiryInput.Budget);
        var value = Clean(raw)?.Replace(",", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (!BudgetShape().IsMatch(value) || !decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var budget))
        {
            errors[Field] = "Budget is not an amount; write a number such as 4500 or 4500.00.";
            return null;
        }
        if (budget > BudgetMax)
        {
            errors[Field] = "Budget is too large.";
            return null;
        }
        return budget;
    }

    /// <summary>No control characters (line breaks and tabs allowed in a multi-line field) and no lone surrogate halves.</summary>
    private static bool IsPlainText(string value, bool multiline)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }
                i++;
                continue;
            }
            if (char.IsLowSurrogate(c))
            {
                return false;
            }
            if (char.IsControl(c) && !(multiline && c is '\n' or '\t'))
            {
                return false;
            }
        }
        return true;
    }

    private static int CodePoints(string value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            count++;
        }
        return count;
    }

    // The rule of the leads_email_format constraint, with the whitespace test done by char.IsWhiteSpace.
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^(?=.*[0-9])\+?[0-9 ().\-/]{3,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex PhoneShape();

    [GeneratedRegex(@"^[0-9]{1,15}(\.[0-9]{1,2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex BudgetShape();
}
