using System.ComponentModel;
using Dapper;
using Npgsql;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Leads;

/// <summary>The body of POST /leads/{id}/convert: the client is made from the lead; the session is optional.</summary>
public sealed record ConversionInput
{
    [Description("Book a first session for the new client in the same step; omit for none.")]
    public SessionInput? Session { get; init; }
}

/// <summary>A session booked while converting a lead.</summary>
public sealed record SessionInput
{
    [Description("wedding, engagement, portrait, family, newborn, boudoir, corporate, event or other; the lead's event type when omitted.")]
    public string? Type { get; init; }

    [Description("The session's title; the lead's name and event type when omitted.")]
    public string? Title { get; init; }

    [Description("Start (with offset or UTC).")]
    public DateTimeOffset? StartsAt { get; init; }

    [Description("End; after the start.")]
    public DateTimeOffset? EndsAt { get; init; }
}

/// <summary>What a conversion did.</summary>
/// <param name="LinkedExistingClient">True when the lead's email already belonged to a client of the studio, who was linked instead of created.</param>
public sealed record ConversionResult(Guid LeadId, Guid ClientId, bool LinkedExistingClient, Guid? SessionId, string Status, string WorkflowStage);

public enum ConversionOutcome
{
    Converted,
    NotFound,
    Stale,
    AlreadyConverted,
    Closed,

    /// <summary>The session (or the lead's data) breaks a rule: a 400 on the session.</summary>
    Rejected,

    /// <summary>The data of the studio is in the way (a clash, a forbidden move): a 409.</summary>
    Conflict,
}

/// <summary>
/// Turns a lead into a client (and optionally a first session) in one step: the client is made or
/// found by email, the session booked, the lead marked won and booked — all inside a savepoint of
/// the request's transaction. Any failure rolls back to it, so no client, session or changed lead
/// is left behind, and the request's transaction stays usable for the answer.
/// </summary>
internal static class LeadConversion
{
    private static readonly string[] OpenStages = ["inquiry", "contacted", "consultation", "proposal_sent"];

    public static async Task<(ConversionOutcome Outcome, ConversionResult? Result, string? Problem)> ConvertAsync(
        TallyDb db, Guid leadId, ConversionInput input, string? version, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var studioId = db.Claims.StudioId;
        var lead = await conn.QuerySingleOrDefaultAsync<LeadRow>(new CommandDefinition("""
            SELECT id, first_name AS firstname, last_name AS lastname, partner_name AS partnername, email::text AS email, phone,
                   event_type AS eventtype, message, workflow_stage AS workflowstage, converted_client_id AS convertedclientid,
                   xmin::text AS version
            FROM leads WHERE studio_id = @studioId AND id = @leadId FOR UPDATE
            """, new { studioId, leadId }, cancellationToken: ct));
        if (lead is null)
        {
            return (ConversionOutcome.NotFound, null, null);
        }
        if (version is not null && version != lead.Version)
        {
            return (ConversionOutcome.Stale, null, null);
        }
        if (lead.ConvertedClientId is not null)
        {
            return (ConversionOutcome.AlreadyConverted, null, "This lead was already converted into a client.");
        }
        if (lead.WorkflowStage is not ("booked" or "completed") && !OpenStages.Contains(lead.WorkflowStage))
        {
            return (ConversionOutcome.Closed, null, $"A lead in the stage {lead.WorkflowStage} cannot be converted; reopen it first.");
        }
        if (lead.Email is null)
        {
            return (ConversionOutcome.Closed, null, "A client needs an email address: add one to the lead first.");
        }

        await conn.ExecuteAsync(new CommandDefinition("SAVEPOINT lead_conversion", cancellationToken: ct));
        try
        {
            var existing = await conn.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
                "SELECT id FROM clients WHERE studio_id = @studioId AND email = CAST(@email AS citext)", new { studioId, email = lead.Email }, cancellationToken: ct));
            var clientId = existing ?? Guid.CreateVersion7();
            if (existing is null)
            {
                await conn.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO clients (studio_id, id, first_name, last_name, partner_name, email, phone, notes)
                    VALUES (@studioId, @clientId, @FirstName, @LastName, @PartnerName, @Email, @Phone, @Message)
                    """, new { studioId, clientId, lead.FirstName, lead.LastName, lead.PartnerName, lead.Email, lead.Phone, lead.Message }, cancellationToken: ct));
            }
            Guid? sessionId = null;
            if (input.Session is { } session)
            {
                sessionId = Guid.CreateVersion7();
                var type = string.IsNullOrWhiteSpace(session.Type) ? lead.EventType ?? "other" : session.Type;
                var title = string.IsNullOrWhiteSpace(session.Title)
                    ? $"{(lead.LastName is null ? lead.FirstName : $"{lead.FirstName} {lead.LastName}")} · {LeadFormat.Label(type)}"
                    : session.Title.Trim();
                await conn.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO sessions (studio_id, id, client_id, session_type, title, starts_at, ends_at, status)
                    VALUES (@studioId, @sessionId, @clientId, @type, @title, @startsAt, @endsAt, 'booked')
                    """, new { studioId, sessionId, clientId, type, title, startsAt = session.StartsAt?.UtcDateTime, endsAt = session.EndsAt?.UtcDateTime }, cancellationToken: ct));
            }
            var stage = OpenStages.Contains(lead.WorkflowStage) ? "booked" : lead.WorkflowStage;
            var after = await conn.QuerySingleAsync<(string Status, string Stage)>(new CommandDefinition("""
                UPDATE leads SET converted_client_id = @clientId, workflow_stage = @stage, status = 'won', updated_at = now()
                WHERE studio_id = @studioId AND id = @leadId
                RETURNING status, workflow_stage
                """, new { studioId, leadId, clientId, stage }, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition("RELEASE SAVEPOINT lead_conversion", cancellationToken: ct));
            return (ConversionOutcome.Converted, new ConversionResult(leadId, clientId, existing is not null, sessionId, after.Status, after.Stage), null);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.CheckViolation or PostgresErrorCodes.NotNullViolation
                                          or PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation or "WF409"
                                          || e.SqlState.StartsWith("22", StringComparison.Ordinal))
        {
            await conn.ExecuteAsync(new CommandDefinition("ROLLBACK TO SAVEPOINT lead_conversion", cancellationToken: CancellationToken.None));
            return (e.ConstraintName?.StartsWith("sessions_", StringComparison.Ordinal) == true ? ConversionOutcome.Rejected : ConversionOutcome.Conflict,
                null, Explain(e));
        }
    }

    private static string Explain(PostgresException e) => e.ConstraintName switch
    {
        "sessions_ends_after_start" => "The session must end after it starts.",
        "sessions_times_together" or "sessions_scheduled_when_booked" => "Give the session both a start and an end.",
        "sessions_session_type_check" => "That session type does not exist.",
        "sessions_title_length" => "The session title is at most 200 characters.",
        { Length: > 0 } constraint => $"The conversion breaks a rule of the data ({constraint}); nothing was changed.",
        _ => "The conversion could not be completed; nothing was changed.",
    };

    private sealed record LeadRow(Guid Id, string FirstName, string? LastName, string? PartnerName, string? Email, string? Phone,
        string? EventType, string? Message, string WorkflowStage, Guid? ConvertedClientId, string Version);
}
