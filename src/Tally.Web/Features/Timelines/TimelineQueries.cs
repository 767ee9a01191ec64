using System.Text.Json;
using System.Text.Json.Serialization;
using Dapper;
using Npgsql;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Timelines;

/// <summary>What saving a template came to.</summary>
internal enum TemplateSave
{
    Saved,
    NotFound,
    NameTaken,
    VersionChanged,
}

/// <summary>What applying a template to a session came to.</summary>
internal enum ApplyOutcome
{
    Applied,
    SessionNotFound,
    TemplateNotFound,
    NoStartDate,
}

/// <summary>What checking a step off (or on again) came to.</summary>
internal enum StepOutcome
{
    Changed,
    NotFound,
    NotAllowed,
}

/// <summary>
/// The SQL of timelines. Every query names the request's studio besides the id, and row-level
/// security has the last word (staff check off only the steps of sessions assigned to them).
/// </summary>
internal static class TimelineQueries
{
    /// <summary>At most this many rows on the "due this week" list; the oldest overdue come first.</summary>
    public const int DueLimit = 500;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private const string TemplateColumns = """
        SELECT id, session_type AS sessiontype, name, description, is_default AS isdefault, steps::text AS steps, xmin::text AS version
        FROM timeline_templates
        """;

    public static async Task<IReadOnlyList<TimelineTemplate>> TemplatesAsync(TallyDb db, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var rows = await conn.QueryAsync<TemplateRow>(new CommandDefinition(
            TemplateColumns + " WHERE studio_id = @studio ORDER BY session_type, is_default DESC, name, id",
            new { studio = db.Claims.StudioId }, cancellationToken: ct));
        return rows.Select(r => r.ToTemplate()).ToList();
    }

    public static async Task<TimelineTemplate?> TemplateAsync(TallyDb db, Guid id, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<TemplateRow>(new CommandDefinition(
            TemplateColumns + " WHERE studio_id = @studio AND id = @id", new { studio = db.Claims.StudioId, id }, cancellationToken: ct));
        return row?.ToTemplate();
    }

    /// <summary>
    /// Creates (<paramref name="id"/> null) or replaces a template. A new default takes the place of the
    /// type's old one. <paramref name="version"/>, when given, must be the version the caller read.
    /// </summary>
    public static async Task<(TemplateSave Outcome, Guid Id)> SaveAsync(TallyDb db, Guid? id, ValidTemplate template, string? version, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var studio = db.Claims.StudioId;
        var steps = JsonSerializer.Serialize(template.Steps.Select(s => new StoredStep(s.Title, s.OffsetDays)), Json);
        var targetId = id ?? Guid.CreateVersion7();
        await conn.ExecuteAsync(new CommandDefinition("SAVEPOINT timeline_template_save", cancellationToken: ct));
        try
        {
            if (template.IsDefault)
            {
                await conn.ExecuteAsync(new CommandDefinition("""
                    UPDATE timeline_templates SET is_default = false
                    WHERE studio_id = @studio AND session_type = @type AND is_default AND id <> @id
                    """, new { studio, type = template.SessionType, id = targetId }, cancellationToken: ct));
            }
            int changed;
            if (id is null)
            {
                changed = await conn.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO timeline_templates (studio_id, id, session_type, name, description, steps, is_default)
                    VALUES (@studio, @id, @type, @name, @description, @steps::jsonb, @isDefault)
                    """, new { studio, id = targetId, type = template.SessionType, name = template.Name, description = template.Description, steps, isDefault = template.IsDefault },
                    cancellationToken: ct));
            }
            else
            {
                changed = await conn.ExecuteAsync(new CommandDefinition("""
                    UPDATE timeline_templates
                    SET session_type = @type, name = @name, description = @description, steps = @steps::jsonb, is_default = @isDefault
                    WHERE studio_id = @studio AND id = @id AND (@version::text IS NULL OR xmin::text = @version::text)
                    """, new { studio, id = targetId, type = template.SessionType, name = template.Name, description = template.Description, steps, isDefault = template.IsDefault, version },
                    cancellationToken: ct));
            }
            await conn.ExecuteAsync(new CommandDefinition("RELEASE SAVEPOINT timeline_template_save", cancellationToken: ct));
            if (changed == 1)
            {
                return (TemplateSave.Saved, targetId);
            }
            return (await TemplateAsync(db, targetId, ct) is null ? TemplateSave.NotFound : TemplateSave.VersionChanged, targetId);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation && e.ConstraintName == "timeline_templates_name_key")
        {
            await conn.ExecuteAsync(new CommandDefinition("ROLLBACK TO SAVEPOINT timeline_template_save", cancellationToken: ct));
            return (TemplateSave.NameTaken, targetId);
        }
    }

    public static async Task<bool> DeleteTemplateAsync(TallyDb db, Guid id, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        return await conn.ExecuteAsync(new CommandDefinition(
            "DELETE FROM timeline_templates WHERE studio_id = @studio AND id = @id",
            new { studio = db.Claims.StudioId, id }, cancellationToken: ct)) == 1;
    }

    /// <summary>The session's timeline; null when the session is not one the caller may see.</summary>
    public static async Task<SessionTimeline?> TimelineAsync(TallyDb db, Guid sessionId, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var head = await SessionAsync(conn, db.Claims.StudioId, sessionId, ct);
        if (head is null)
        {
            return null;
        }
        var steps = await conn.QueryAsync<TimelineStep>(new CommandDefinition("""
            SELECT t.id, t.title, t.notes, t.due_date AS duedate, t.sort_order AS sortorder, t.template_id AS templateid,
                   t.completed_at AS completedat, u.full_name AS completedby,
                   (t.completed_at IS NULL AND t.due_date < @today) AS overdue
            FROM session_timelines t
            LEFT JOIN admin_users u ON u.studio_id = t.studio_id AND u.id = t.completed_by
            WHERE t.studio_id = @studio AND t.session_id = @sessionId
            ORDER BY t.due_date NULLS LAST, t.sort_order, t.id
            """, new { studio = db.Claims.StudioId, sessionId, today = head.Today }, cancellationToken: ct));
        return new SessionTimeline(head.Id, head.Title, head.SessionType, head.StartsAt, head.SessionDate, head.Today, steps.AsList());
    }

    /// <summary>
    /// Applies a template: the session's open steps that came from a template are replaced by the
    /// template's steps, due on the session's date in the studio's time zone plus each offset. Steps
    /// already done (and steps added by hand) stay, and a template step whose title is among them is
    /// not added again, so applying twice leaves the same list as applying once.
    /// </summary>
    public static async Task<(ApplyOutcome Outcome, int Added)> ApplyAsync(TallyDb db, Guid sessionId, Guid templateId, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var studio = db.Claims.StudioId;
        // Two applies of one session at once would each delete, then each insert: one waits for the other.
        await conn.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended('tally.timeline.' || @sessionId::text, 0))", new { sessionId }, cancellationToken: ct));
        var session = await SessionAsync(conn, studio, sessionId, ct);
        if (session is null)
        {
            return (ApplyOutcome.SessionNotFound, 0);
        }
        var template = await TemplateAsync(db, templateId, ct);
        if (template is null)
        {
            return (ApplyOutcome.TemplateNotFound, 0);
        }
        if (session.SessionDate is not { } day)
        {
            return (ApplyOutcome.NoStartDate, 0);
        }
        await conn.ExecuteAsync(new CommandDefinition("""
            DELETE FROM session_timelines
            WHERE studio_id = @studio AND session_id = @sessionId AND completed_at IS NULL AND template_id IS NOT NULL
            """, new { studio, sessionId }, cancellationToken: ct));
        var kept = (await conn.QueryAsync<string>(new CommandDefinition(
            "SELECT title FROM session_timelines WHERE studio_id = @studio AND session_id = @sessionId",
            new { studio, sessionId }, cancellationToken: ct))).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var added = template.Steps
            .Select((step, index) => (step, index))
            .Where(x => !kept.Contains(x.step.Title))
            .Select(x => (Id: Guid.CreateVersion7(), x.step.Title, Due: day.AddDays(x.step.OffsetDays), Order: x.index + 1))
            .ToList();
        if (added.Count > 0)
        {
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO session_timelines (studio_id, id, session_id, template_id, title, due_date, sort_order)
                SELECT @studio, s.id, @sessionId, @templateId, s.title, s.due, s.ord
                FROM unnest(@ids::uuid[], @titles::text[], @dues::date[], @orders::int[]) AS s(id, title, due, ord)
                """, new
            {
                studio,
                sessionId,
                templateId,
                ids = added.Select(a => a.Id).ToArray(),
                titles = added.Select(a => a.Title).ToArray(),
                dues = added.Select(a => a.Due).ToArray(),
                orders = added.Select(a => a.Order).ToArray(),
            }, cancellationToken: ct));
        }
        return (ApplyOutcome.Applied, added.Count);
    }

    /// <summary>Checks a step off (by the caller, now) or marks it not done again.</summary>
    public static async Task<StepOutcome> SetDoneAsync(TallyDb db, Guid sessionId, Guid stepId, bool done, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var args = new { studio = db.Claims.StudioId, sessionId, stepId, done, user = db.Claims.UserId };
        // Checking off a step already done keeps who did it and when.
        var changed = await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE session_timelines
            SET completed_at = CASE WHEN @done THEN coalesce(completed_at, now()) END,
                completed_by = CASE WHEN @done THEN CASE WHEN completed_at IS NULL THEN @user ELSE completed_by END END
            WHERE studio_id = @studio AND session_id = @sessionId AND id = @stepId
            """, args, cancellationToken: ct));
        if (changed == 1)
        {
            return StepOutcome.Changed;
        }
        var visible = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM session_timelines WHERE studio_id = @studio AND session_id = @sessionId AND id = @stepId)",
            args, cancellationToken: ct));
        return visible ? StepOutcome.NotAllowed : StepOutcome.NotFound;
    }

    /// <summary>Open steps due from today to 7 days ahead, and every overdue one, of sessions not cancelled.</summary>
    public static async Task<DueList> DueAsync(TallyDb db, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var today = await conn.QuerySingleOrDefaultAsync<DateOnly?>(new CommandDefinition(
            "SELECT (now() AT TIME ZONE timezone)::date FROM studios WHERE id = @studio",
            new { studio = db.Claims.StudioId }, cancellationToken: ct)) ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var until = today.AddDays(7);
        var steps = await conn.QueryAsync<DueStep>(new CommandDefinition("""
            SELECT t.id, t.session_id AS sessionid, s.title AS sessiontitle,
                   nullif(concat_ws(' ', c.first_name, c.last_name), '') AS clientname,
                   t.title, t.due_date AS duedate, t.due_date < @today AS overdue
            FROM session_timelines t
            JOIN sessions s ON s.studio_id = t.studio_id AND s.id = t.session_id
            LEFT JOIN clients c ON c.studio_id = s.studio_id AND c.id = s.client_id
            WHERE t.studio_id = @studio AND t.completed_at IS NULL AND t.due_date <= @until AND s.status <> 'cancelled'
            ORDER BY t.due_date, s.starts_at, t.sort_order, t.id
            LIMIT @limit
            """, new { studio = db.Claims.StudioId, today, until, limit = DueLimit }, cancellationToken: ct));
        return new DueList(today, until, steps.AsList());
    }

    private static Task<SessionHead?> SessionAsync(NpgsqlConnection conn, Guid? studio, Guid sessionId, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<SessionHead>(new CommandDefinition("""
            SELECT s.id, s.title, s.session_type AS sessiontype, s.starts_at AS startsat,
                   (s.starts_at AT TIME ZONE st.timezone)::date AS sessiondate,
                   (now() AT TIME ZONE st.timezone)::date AS today
            FROM sessions s JOIN studios st ON st.id = s.studio_id
            WHERE s.studio_id = @studio AND s.id = @sessionId
            """, new { studio, sessionId }, cancellationToken: ct));

    private sealed record SessionHead(Guid Id, string Title, string SessionType, DateTime? StartsAt, DateOnly? SessionDate, DateOnly Today);

    private sealed record StoredStep(
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("offset_days")] int OffsetDays);

    private sealed record TemplateRow(Guid Id, string SessionType, string Name, string? Description, bool IsDefault, string Steps, string Version)
    {
        public TimelineTemplate ToTemplate() => new(Id, SessionType, Name, Description, IsDefault,
            (JsonSerializer.Deserialize<List<StoredStep>>(Steps, Json) ?? []).Select(s => new TemplateStep(s.Title, s.OffsetDays)).ToList(),
            Version);
    }
}
