using Dapper;
using Npgsql;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Workflow;

/// <summary>A lead's stage and where it may go next (workflow.allowed_transitions in the database).</summary>
public sealed class LeadStage
{
    public Guid Id { get; init; }

    public string Stage { get; init; } = "";

    public string[] NextStages { get; init; } = [];
}

/// <summary>One recorded stage change of a lead.</summary>
public sealed record StageTransition(
    Guid Id, string? FromStage, string ToStage, DateTime TransitionedAt, string? TransitionedBy, string? Reason, bool Automated);

/// <summary>A lead card of the pipeline board.</summary>
public sealed record PipelineCard(Guid Id, string FirstName, string? LastName, DateTime EnteredAt, bool Stale, string[] NextStages);

/// <summary>A column of the pipeline board: how many leads, the newest cards, the average time to the next stage.</summary>
public sealed record PipelineColumn(string Stage, long Count, IReadOnlyList<PipelineCard> Cards, double? AverageHoursToNext);

/// <summary>What a stage change came to.</summary>
public enum StageChangeOutcome
{
    Moved,
    NotFound,
    Forbidden,
}

internal static class WorkflowQueries
{
    /// <summary>Cards shown per column: the newest leads of each stage.</summary>
    public const int CardsPerColumn = 20;

    /// <summary>The custom SQLSTATE workflow.lead_stage_change raises for a forbidden transition.</summary>
    public const string ForbiddenTransitionState = "WF409";

    public static async Task<LeadStage?> FindAsync(TallyDb db, Guid id, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<LeadStage>(new CommandDefinition("""
            SELECT id, workflow_stage AS stage, workflow.next_stages('lead', workflow_stage) AS nextstages
            FROM leads WHERE studio_id = @studio AND id = @id
            """, new { studio = db.Claims.StudioId, id }, cancellationToken: ct));
    }

    /// <summary>
    /// Moves a lead to <paramref name="stage"/>. The database decides whether the move is allowed and
    /// records it; the savepoint keeps the request's transaction usable when it refuses.
    /// </summary>
    public static async Task<(StageChangeOutcome Outcome, string? Message)> MoveAsync(
        TallyDb db, Guid id, string stage, string? reason, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        await using (var set = new NpgsqlCommand("SELECT set_config('workflow.reason', $1, true)", conn))
        {
            set.Parameters.AddWithValue(reason ?? "");
            await set.ExecuteNonQueryAsync(ct);
        }
        await conn.ExecuteAsync(new CommandDefinition("SAVEPOINT workflow_move", cancellationToken: ct));
        try
        {
            var moved = await conn.ExecuteAsync(new CommandDefinition(
                "UPDATE leads SET workflow_stage = @stage WHERE studio_id = @studio AND id = @id AND workflow_stage <> @stage",
                new { stage, studio = db.Claims.StudioId, id }, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition("RELEASE SAVEPOINT workflow_move", cancellationToken: ct));
            if (moved == 1)
            {
                return (StageChangeOutcome.Moved, null);
            }
            // Not moved: either not a lead of the studio, or already in that stage (no transition).
            return await FindAsync(db, id, ct) is null
                ? (StageChangeOutcome.NotFound, null)
                : (StageChangeOutcome.Forbidden, $"The lead is already in the stage {stage}.");
        }
        catch (PostgresException e) when (e.SqlState == ForbiddenTransitionState)
        {
            await conn.ExecuteAsync(new CommandDefinition("ROLLBACK TO SAVEPOINT workflow_move", cancellationToken: ct));
            return (StageChangeOutcome.Forbidden, e.MessageText + (e.Hint is { Length: > 0 } hint ? ". " + hint + "." : "."));
        }
    }

    public static async Task<List<StageTransition>> TransitionsAsync(TallyDb db, Guid id, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return (await conn.QueryAsync<StageTransition>(new CommandDefinition("""
            SELECT id, from_stage AS fromstage, to_stage AS tostage, transitioned_at AS transitionedat,
                   transitioned_by AS transitionedby, transition_reason AS reason, automated
            FROM workflow_transitions
            WHERE studio_id = @studio AND entity_type = 'lead' AND entity_id = @id
            ORDER BY transitioned_at, id
            """, new { studio = db.Claims.StudioId, id }, cancellationToken: ct))).AsList();
    }

    /// <summary>
    /// The board: counts by one GROUP BY over (studio_id, workflow_stage), the newest cards of each
    /// stage, and per stage the average time from entering it to leaving it over the last
    /// <paramref name="days"/> days.
    /// </summary>
    public static async Task<List<PipelineColumn>> BoardAsync(TallyDb db, int days, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var studio = db.Claims.StudioId;
        var counts = (await conn.QueryAsync<(string Stage, long Count)>(new CommandDefinition(
            "SELECT workflow_stage, count(*) FROM leads WHERE studio_id = @studio GROUP BY workflow_stage",
            new { studio }, cancellationToken: ct))).ToDictionary(r => r.Stage, r => r.Count, StringComparer.Ordinal);
        var cards = (await conn.QueryAsync<CardRow>(new CommandDefinition("""
            SELECT s.stage, c.id, c.first_name AS firstname, c.last_name AS lastname, c.entered_at AS enteredat, c.stale,
                   workflow.next_stages('lead', s.stage) AS nextstages
            FROM unnest(@stages) AS s(stage)
            CROSS JOIN LATERAL (
              SELECT l.id, l.first_name, l.last_name, coalesce(l.stage_entered_at, l.created_at) AS entered_at, l.stale_since IS NOT NULL AS stale
              FROM leads l WHERE l.studio_id = @studio AND l.workflow_stage = s.stage
              ORDER BY l.created_at DESC LIMIT @limit) c
            """, new { studio, stages = WorkflowStages.Lead.ToArray(), limit = CardsPerColumn }, cancellationToken: ct))).ToList();
        var averages = (await conn.QueryAsync<(string Stage, double Hours)>(new CommandDefinition("""
            SELECT from_stage, (avg((metadata ->> 'time_in_previous_stage_seconds')::numeric) / 3600)::float8
            FROM workflow_transitions
            WHERE studio_id = @studio AND entity_type = 'lead' AND transitioned_at >= now() - make_interval(days => @days)
              AND from_stage IS NOT NULL AND metadata ->> 'time_in_previous_stage_seconds' IS NOT NULL
            GROUP BY from_stage
            """, new { studio, days }, cancellationToken: ct))).ToDictionary(r => r.Stage, r => r.Hours, StringComparer.Ordinal);
        return WorkflowStages.Lead.Select(stage => new PipelineColumn(
            stage,
            counts.GetValueOrDefault(stage),
            cards.Where(c => c.Stage == stage).Select(c => new PipelineCard(c.Id, c.FirstName, c.LastName, c.EnteredAt, c.Stale, c.NextStages)).ToList(),
            averages.TryGetValue(stage, out var hours) ? hours : null)).ToList();
    }

    private sealed class CardRow
    {
        public string Stage { get; init; } = "";

        public Guid Id { get; init; }

        public string FirstName { get; init; } = "";

        public string? LastName { get; init; }

        public DateTime EnteredAt { get; init; }

        public bool Stale { get; init; }

        public string[] NextStages { get; init; } = [];
    }
}
