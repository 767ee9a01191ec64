namespace Tally.Data.Import;

/// <summary>A valid lead row of a file, with its line.</summary>
public sealed record LeadImportRow(
    int Line, string FirstName, string? LastName, string? PartnerName, string? Email, string? Phone, string? EventType,
    DateOnly? EventDate, string? Venue, int? GuestCount, decimal? Budget, string? Currency, string Source, string Status, string? Message);

/// <summary>A valid client row of a file, with its line.</summary>
public sealed record ClientImportRow(
    int Line, string FirstName, string? LastName, string? PartnerName, string Email, string? Phone, string? AddressLine1,
    string? AddressLine2, string? City, string? Region, string? PostalCode, string? Country, string? Notes);

/// <summary>
/// A checked file: every valid row, and every problem of every row. Nothing may be written unless
/// <see cref="Problems"/> is empty.
/// </summary>
public sealed class ImportBatch(ImportKind kind)
{
    public ImportKind Kind { get; } = kind;
    public List<LeadImportRow> Leads { get; } = [];
    public List<ClientImportRow> Clients { get; } = [];
    public List<ImportProblem> Problems { get; } = [];

    /// <summary>Data rows in the file, valid or not.</summary>
    public int RowCount { get; set; }

    public bool IsValid => Problems.Count == 0 && RowCount > 0;

    public int ValidCount => Kind == ImportKind.Leads ? Leads.Count : Clients.Count;
}
