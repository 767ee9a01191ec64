namespace Tally.Web.Features.Audit;

/// <summary>
/// The tables whose changes the audit trigger records (migration 0008), and the ones left out on
/// purpose. A table name from a request is looked up here and never put into SQL text; the coverage
/// test checks both lists against the catalog.
/// </summary>
public static class AuditTables
{
    public static readonly IReadOnlySet<string> Audited = new HashSet<string>(StringComparer.Ordinal)
    {
        "studios", "admin_users", "admin_invitations", "clients", "leads", "lead_interactions", "lead_documents",
        "client_invitations", "sessions", "quotes", "contracts", "payments", "documents", "galleries", "gallery_images",
        "gallery_settings", "timeline_templates", "session_timelines", "password_reset_tokens", "api_tokens",
        "client_sign_in_links", "saved_searches", "workflow_transitions", "workflow_rules",
    };

    /// <summary>Tables of public without the trigger, each with the reason (docs/audit.md).</summary>
    public static readonly IReadOnlyDictionary<string, string> Exceptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["audit_log"] = "the trail itself",
        ["gallery_access_log"] = "append-only access log: its rows are themselves the record",
        ["search_results_cache"] = "a cache of search results, rebuilt at will",
        ["search_words"] = "a vocabulary derived from leads, clients and sessions",
        ["schema_migrations"] = "the migration journal, written by the migrator only",
    };
}
