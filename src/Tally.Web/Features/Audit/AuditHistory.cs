using System.Text.Json.Nodes;

namespace Tally.Web.Features.Audit;

/// <summary>One audited change of a record: who, when, and each field's value before and after.</summary>
public sealed record AuditChange(
    long EntryNo, DateTimeOffset OccurredAt, string Action, string? UserEmail, string? UserRole, string? UserIp,
    IReadOnlyList<FieldChange> Fields);

/// <summary>A field's value before and after a change (null before an insert, after a delete).</summary>
public sealed record FieldChange(string Field, JsonNode? From, JsonNode? To);

/// <summary>The change history of one record, oldest first.</summary>
public sealed record AuditHistoryPage(string Table, Guid Id, IReadOnlyList<AuditChange> Changes);

/// <summary>A record as it was at <see cref="AsOf"/>, rebuilt from its trail.</summary>
public sealed record AuditSnapshot(string Table, Guid Id, DateTimeOffset AsOf, JsonObject Values);

/// <summary>An audit_log row as read for history (jsonb as text). Properties, not a positional
/// record: Dapper matches a constructor by field type, and a text[] column reads as System.Array.</summary>
internal sealed record AuditRow
{
    public long EntryNo { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public string Action { get; init; } = "";
    public string? UserEmail { get; init; }
    public string? UserRole { get; init; }
    public string? UserIp { get; init; }
    public string? OldValues { get; init; }
    public string? NewValues { get; init; }
    public string[]? ChangedFields { get; init; }
}

internal static class AuditHistory
{
    public static AuditChange ToChange(AuditRow row)
    {
        var before = Parse(row.OldValues);
        var after = Parse(row.NewValues);
        var fields = row.Action switch
        {
            "insert" => after?.Select(p => new FieldChange(p.Key, null, p.Value?.DeepClone())).ToList(),
            "delete" => before?.Select(p => new FieldChange(p.Key, p.Value?.DeepClone(), null)).ToList(),
            _ => row.ChangedFields?.Select(f => new FieldChange(f, before?[f]?.DeepClone(), after?[f]?.DeepClone())).ToList(),
        };
        return new AuditChange(row.EntryNo, row.OccurredAt, row.Action, row.UserEmail, row.UserRole, row.UserIp, fields ?? []);
    }

    /// <summary>
    /// Replays the rows (oldest first) up to <paramref name="asOf"/>: an insert gives the whole row,
    /// an update lays its changed columns over it (a row that predates the trail starts from the
    /// update's whole old row), a delete ends it. Null when the record did not exist at that moment.
    /// </summary>
    public static JsonObject? AsOf(IEnumerable<AuditRow> rows, DateTimeOffset asOf)
    {
        JsonObject? state = null;
        foreach (var row in rows.Where(r => r.OccurredAt <= asOf))
        {
            switch (row.Action)
            {
                case "insert":
                    state = Parse(row.NewValues);
                    break;
                case "update":
                    state ??= Parse(row.OldValues);
                    if (state is not null && Parse(row.NewValues) is { } changes)
                    {
                        foreach (var (field, value) in changes)
                        {
                            state[field] = value?.DeepClone();
                        }
                    }
                    break;
                case "delete":
                    state = null;
                    break;
            }
        }
        return state;
    }

    private static JsonObject? Parse(string? json) => json is null ? null : JsonNode.Parse(json) as JsonObject;
}
