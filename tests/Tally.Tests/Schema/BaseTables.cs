namespace Tally.Tests.Schema;

/// <summary>The base tables of the specification (plus the tenant), as created by 0002_base_schema.sql.</summary>
internal static class BaseTables
{
    public static readonly string[] All =
    [
        "studios", "clients", "sessions", "leads", "quotes", "contracts", "payments", "documents", "admin_users",
        "admin_invitations", "lead_interactions", "lead_documents", "galleries", "gallery_images", "gallery_access_log",
        "gallery_settings", "timeline_templates", "session_timelines", "client_invitations",
    ];
}
