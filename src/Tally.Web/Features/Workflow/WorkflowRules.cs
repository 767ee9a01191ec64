using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Workflow;

/// <summary>One automation of the studio: on or off (a rule without a row runs with its default, on).</summary>
public sealed record WorkflowRule(string Name, string Description, bool Enabled, int? Days);

/// <summary>The studio's automations (workflow_rules) and the admins' form that turns them on and off.</summary>
internal static class WorkflowRules
{
    /// <summary>The automations the database knows (the CHECK of workflow_rules.rule_name), with what they do.</summary>
    public static readonly IReadOnlyDictionary<string, string> Known = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["quote_sent_to_proposal"] = "When a quote of a lead is sent, move the lead to Proposal sent (once per quote).",
        ["contract_signed_deposit_paid"] = "When a lead's contract is signed and its deposit (a payment of the contract) is paid, move the lead from Proposal sent to Booked (once per contract).",
        ["stale_lead"] = "Flag an open lead as stale when it had no activity (no stage change, no interaction) for a number of days (checked hourly).",
    };

    /// <summary>The default of stale_lead's days (workflow.flag_stale_leads).</summary>
    public const int DefaultStaleDays = 14;

    /// <summary>The rules that take a number of days.</summary>
    public static readonly IReadOnlySet<string> WithDays = new HashSet<string>(StringComparer.Ordinal)
    {
        "stale_lead",
    };

    public static async Task<List<WorkflowRule>> ListAsync(TallyDb db, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var stored = (await conn.QueryAsync<(string Name, bool Enabled, int? Days)>(new CommandDefinition(
            "SELECT rule_name, enabled, (parameters ->> 'days')::int FROM workflow_rules WHERE studio_id = @studio",
            new { studio = db.Claims.StudioId }, cancellationToken: ct))).ToDictionary(r => r.Name, StringComparer.Ordinal);
        return Known.Select(k => stored.TryGetValue(k.Key, out var row)
            ? new WorkflowRule(k.Key, k.Value, row.Enabled, WithDays.Contains(k.Key) ? row.Days ?? DefaultStaleDays : null)
            : new WorkflowRule(k.Key, k.Value, true, WithDays.Contains(k.Key) ? DefaultStaleDays : null)).ToList();
    }

    public static IEndpointRouteBuilder MapWorkflowRules(this IEndpointRouteBuilder app)
    {
        app.MapPost("/workflow/rules/save", SaveAsync)
            .RequireAuthorization(TallyAuthentication.Admins).RequireAntiforgery().ExcludeFromDescription();
        return app;
    }

    public static async Task<RedirectHttpResult> SaveAsync(
        [FromForm(Name = "rule")] string? rule, [FromForm(Name = "enabled")] string? enabled, [FromForm(Name = "days")] string? days, TallyDb db, CancellationToken ct)
    {
        if (rule is null || !Known.ContainsKey(rule))
        {
            return TypedResults.Redirect("/workflow/rules?problem=unknown-rule");
        }
        var parameters = "{}";
        if (WithDays.Contains(rule))
        {
            if (!int.TryParse(days, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) || n is < 1 or > 365)
            {
                return TypedResults.Redirect("/workflow/rules?problem=days");
            }
            parameters = $$"""{"days": {{n}}}""";
        }
        var conn = await db.ConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO workflow_rules (studio_id, id, rule_name, enabled, parameters) VALUES (@studio, @id, @rule, @on, @parameters::jsonb)
            ON CONFLICT (studio_id, rule_name) DO UPDATE SET enabled = EXCLUDED.enabled, parameters = EXCLUDED.parameters
            """, new { studio = db.Claims.StudioId, id = Guid.CreateVersion7(), rule, on = enabled == "true", parameters }, cancellationToken: ct));
        return TypedResults.Redirect("/workflow/rules?saved=" + rule);
    }
}
