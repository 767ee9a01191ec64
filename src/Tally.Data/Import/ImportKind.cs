namespace Tally.Data.Import;

/// <summary>What a CSV file holds.</summary>
public enum ImportKind
{
    Leads,
    Clients,
}

/// <summary>
/// The column headers of each kind: the same names, in the same order, as an export of that entity
/// writes (docs/import.md), so an exported file imports unchanged.
/// </summary>
public static class ImportColumns
{
    public static readonly IReadOnlyList<string> Leads =
    [
        "id", "first_name", "last_name", "partner_name", "email", "phone", "event_type", "event_date", "venue",
        "guest_count", "budget", "currency", "source", "status", "message", "created_at",
    ];

    public static readonly IReadOnlyList<string> Clients =
    [
        "first_name", "last_name", "partner_name", "email", "phone", "address_line1", "address_line2", "city", "region",
        "postal_code", "country", "notes",
    ];

    /// <summary>Columns an export writes that an import reads but does not store: the database makes its own.</summary>
    public static readonly IReadOnlySet<string> Ignored = new HashSet<string>(StringComparer.Ordinal) { "id", "created_at" };

    /// <summary>Columns the header must have.</summary>
    public static IReadOnlyList<string> Required(ImportKind kind) => kind switch
    {
        ImportKind.Leads => ["first_name"],
        _ => ["first_name", "email"],
    };

    public static IReadOnlyList<string> For(ImportKind kind) => kind == ImportKind.Leads ? Leads : Clients;

    public static string Name(ImportKind kind) => kind == ImportKind.Leads ? "leads" : "clients";
}
