using System.ComponentModel;

namespace Tally.Web.Features.Clients;

/// <summary>A client of the studio, every field, with the row version its ETag carries.</summary>
public sealed record Client(
    Guid Id,
    string FirstName,
    string? LastName,
    string? PartnerName,
    string Email,
    string? Phone,
    string? AddressLine1,
    string? AddressLine2,
    string? City,
    string? Region,
    string? PostalCode,
    string? Country,
    string? Notes,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    [property: Description("The row version: send it back in If-Match to update (also the ETag header).")] string Version);

/// <summary>A client as a list shows it.</summary>
public sealed record ClientSummary(
    Guid Id,
    string FirstName,
    string? LastName,
    string? PartnerName,
    string Email,
    string? Phone,
    string? City,
    string? Country,
    DateTime CreatedAt,
    string Version);

/// <summary>A page of clients, newest first.</summary>
/// <param name="Next">The cursor of the next page (pass it as <c>after</c>); null on the last page.</param>
public sealed record ClientPage(IReadOnlyList<ClientSummary> Items, string? Next);

/// <summary>What a person or a program gives for a client: the body of create and update, and the page's form.</summary>
public sealed class ClientInput
{
    [Description("Required, up to 100 characters.")]
    public string? FirstName { get; set; }

    [Description("Up to 100 characters.")]
    public string? LastName { get; set; }

    [Description("The second person of a couple, up to 200 characters.")]
    public string? PartnerName { get; set; }

    [Description("Required; unique in the studio whatever its case.")]
    public string? Email { get; set; }

    [Description("Up to 40 characters.")]
    public string? Phone { get; set; }

    public string? AddressLine1 { get; set; }

    public string? AddressLine2 { get; set; }

    public string? City { get; set; }

    public string? Region { get; set; }

    public string? PostalCode { get; set; }

    [Description("ISO 3166-1 alpha-2 code, such as FR.")]
    public string? Country { get; set; }

    [Description("Up to 10,000 characters.")]
    public string? Notes { get; set; }

    public static ClientInput From(Client c) => new()
    {
        FirstName = c.FirstName,
        LastName = c.LastName,
        PartnerName = c.PartnerName,
        Email = c.Email,
        Phone = c.Phone,
        AddressLine1 = c.AddressLine1,
        AddressLine2 = c.AddressLine2,
        City = c.City,
        Region = c.Region,
        PostalCode = c.PostalCode,
        Country = c.Country,
        Notes = c.Notes,
    };
}

/// <summary>A client's fields after <see cref="ClientRules.Check"/>: trimmed, blanks as null.</summary>
public sealed record ClientValues(
    string FirstName, string? LastName, string? PartnerName, string Email, string? Phone,
    string? AddressLine1, string? AddressLine2, string? City, string? Region, string? PostalCode,
    string? Country, string? Notes);
