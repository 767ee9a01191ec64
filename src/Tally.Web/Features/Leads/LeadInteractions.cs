using System.ComponentModel;
using Dapper;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Leads;

/// <summary>The body of POST /leads/{id}/interactions.</summary>
public sealed record InteractionInput
{
    [Description("call, email, note or meeting.")]
    public string? Kind { get; init; }

    [Description("inbound or outbound; none for a note.")]
    public string? Direction { get; init; }

    [Description("One line: what happened; required, at most 500 characters.")]
    public string? Summary { get; init; }

    [Description("The details; at most 20000 characters.")]
    public string? Body { get; init; }

    [Description("When it happened (UTC); now when omitted. Not more than a day ahead.")]
    public DateTimeOffset? OccurredAt { get; init; }

    public InteractionInput Normalized() => this with
    {
        Kind = Blank(Kind),
        Direction = Blank(Direction),
        Summary = Blank(Summary)?.Trim(),
        Body = Blank(Body),
    };

    public Dictionary<string, string[]> Validate()
    {
        var e = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!LeadCodes.Has(LeadCodes.InteractionKinds, Kind))
        {
            e["kind"] = [$"kind must be one of: {string.Join(", ", LeadCodes.InteractionKinds)}."];
        }
        if (Direction is not null && !LeadCodes.Has(LeadCodes.Directions, Direction))
        {
            e["direction"] = ["direction must be inbound or outbound."];
        }
        if (Summary is null)
        {
            e["summary"] = ["Write a summary."];
        }
        else if (Summary.Length > 500 || Summary.Contains('\0', StringComparison.Ordinal))
        {
            e["summary"] = ["The summary is at most 500 characters of text."];
        }
        if (Body is not null && (Body.Length > 20000 || Body.Contains('\0', StringComparison.Ordinal)))
        {
            e["body"] = ["The details are at most 20000 characters of text."];
        }
        if (OccurredAt is { } at && (at > DateTimeOffset.UtcNow.AddDays(1) || at.Year < 2000))
        {
            e["occurredAt"] = ["occurredAt must be between the year 2000 and tomorrow."];
        }
        return e;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

internal static class LeadInteractionQueries
{
    public static async Task<IReadOnlyList<LeadInteraction>> ListAsync(TallyDb db, Guid leadId, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return (await conn.QueryAsync<LeadInteraction>(new CommandDefinition("""
            SELECT i.id, i.kind, i.direction, i.summary, i.body, i.occurred_at AS occurredat, i.created_by AS createdby,
                   u.full_name AS createdbyname, i.created_at AS createdat
            FROM lead_interactions i
            LEFT JOIN admin_users u ON u.studio_id = i.studio_id AND u.id = i.created_by
            WHERE i.studio_id = @studioId AND i.lead_id = @leadId
            ORDER BY i.occurred_at DESC, i.id DESC
            """, new { studioId = db.Claims.StudioId, leadId }, cancellationToken: ct))).AsList();
    }

    /// <summary>Adds an interaction by the signed-in member; answers it.</summary>
    public static async Task<LeadInteraction> AddAsync(TallyDb db, Guid leadId, InteractionInput input, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var id = Guid.CreateVersion7();
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO lead_interactions (studio_id, id, lead_id, kind, direction, summary, body, occurred_at, created_by)
            VALUES (@studioId, @id, @leadId, @kind, @direction, @summary, @body, coalesce(@occurredAt, now()), @createdBy)
            """, new
        {
            studioId = db.Claims.StudioId,
            id,
            leadId,
            kind = input.Kind,
            direction = input.Direction,
            summary = input.Summary,
            body = input.Body,
            occurredAt = input.OccurredAt?.UtcDateTime,
            createdBy = db.Claims.UserId,
        }, cancellationToken: ct));
        return (await ListAsync(db, leadId, ct)).First(i => i.Id == id);
    }
}
