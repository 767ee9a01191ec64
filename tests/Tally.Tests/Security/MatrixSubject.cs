namespace Tally.Tests.Security;

/// <summary>
/// One row of studio A that the matrix reads, updates and deletes, and the new row of studio A it
/// tries to insert, which stands in the same relation to the identities (the same client, the same
/// assignee, the same gallery…).
/// </summary>
internal sealed record MatrixSubject(
    string Name,
    string Table,
    Func<StudioRows, Guid> Target,
    Func<StudioRows, Guid, object> InsertArgs,
    string InsertSql)
{
    private string Key => Table == "studios" ? "id = @Id" : "studio_id = @Studio AND id = @Id";

    public string SelectSql => $"SELECT count(*) FROM {Table} WHERE {Key}";

    /// <summary>A no-op change, so only the policies (not a CHECK) decide the outcome.</summary>
    public string UpdateSql => Table == "gallery_access_log"
        ? $"UPDATE {Table} SET action = action WHERE {Key}"
        : $"UPDATE {Table} SET updated_at = now() WHERE {Key}";

    public string DeleteSql => $"DELETE FROM {Table} WHERE {Key}";

    public static IReadOnlyList<MatrixSubject> All { get; } =
    [
        new("studios", "studios", s => s.Studio,
            (_, id) => new { id, slug = "s-" + id.ToString("N")[..20] },
            "INSERT INTO studios (id, slug, name) VALUES (@id, @slug, 'Another studio')"),

        TeamMember("admin_users (a staff member)", s => s.Staff, "staff"),
        TeamMember("admin_users (an admin)", s => s.Admin, "admin"),
        TeamMember("admin_users (the owner)", s => s.Owner, "owner"),

        Invitation("admin_invitations (role staff)", s => s.InvitationStaff, "staff"),
        Invitation("admin_invitations (role admin)", s => s.InvitationAdmin, "admin"),
        Invitation("admin_invitations (role owner)", s => s.InvitationOwner, "owner"),

        new("clients (A1)", "clients", s => s.ClientA1,
            (s, id) => new { s.Studio, id, email = $"c-{id:N}@example.test" },
            "INSERT INTO clients (studio_id, id, first_name, email) VALUES (@Studio, @id, 'New', @email)"),

        new("client_invitations (A1)", "client_invitations", s => s.ClientInvitationA1,
            (s, id) => new { s.Studio, id, s.ClientA1, token = $"{id:N}{id:N}" },
            """
            INSERT INTO client_invitations (studio_id, id, client_id, email, token_hash, expires_at)
            VALUES (@Studio, @id, @ClientA1, 'a1@example.test', @token, now() + interval '15 minutes')
            """),

        new("leads (assigned to staff, converted to A1)", "leads", s => s.LeadAssigned,
            (s, id) => new { s.Studio, id, s.Staff, s.ClientA1 },
            """
            INSERT INTO leads (studio_id, id, first_name, email, assigned_to, converted_client_id)
            VALUES (@Studio, @id, 'New', 'new@example.test', @Staff, @ClientA1)
            """),
        new("leads (unassigned)", "leads", s => s.LeadUnassigned,
            (s, id) => new { s.Studio, id },
            "INSERT INTO leads (studio_id, id, first_name, phone) VALUES (@Studio, @id, 'New', '+1 555 0100')"),

        new("lead_interactions (of staff's lead, by staff)", "lead_interactions", s => s.InteractionAssigned,
            (s, id) => new { s.Studio, id, Lead = s.LeadAssigned, s.Staff },
            "INSERT INTO lead_interactions (studio_id, id, lead_id, kind, summary, created_by) VALUES (@Studio, @id, @Lead, 'note', 'Called back', @Staff)"),
        new("lead_interactions (of an unassigned lead, by staff)", "lead_interactions", s => s.InteractionUnassigned,
            (s, id) => new { s.Studio, id, Lead = s.LeadUnassigned, s.Staff },
            "INSERT INTO lead_interactions (studio_id, id, lead_id, kind, summary, created_by) VALUES (@Studio, @id, @Lead, 'note', 'Called back', @Staff)"),

        LeadDocument("lead_documents (of staff's lead, by staff)", s => s.LeadDocumentAssigned, s => s.LeadAssigned),
        LeadDocument("lead_documents (of an unassigned lead, by staff)", s => s.LeadDocumentUnassigned, s => s.LeadUnassigned),

        new("sessions (A1's, assigned to staff)", "sessions", s => s.SessionA1,
            (s, id) => new { s.Studio, id, Client = s.ClientA1, Assignee = (Guid?)s.Staff },
            "INSERT INTO sessions (studio_id, id, client_id, session_type, title, assigned_to) VALUES (@Studio, @id, @Client, 'portrait', 'New shoot', @Assignee)"),
        new("sessions (A2's, unassigned)", "sessions", s => s.SessionA2,
            (s, id) => new { s.Studio, id, Client = s.ClientA2, Assignee = (Guid?)null },
            "INSERT INTO sessions (studio_id, id, client_id, session_type, title, assigned_to) VALUES (@Studio, @id, @Client, 'portrait', 'New shoot', @Assignee)"),

        new("session_timelines (of A1's session)", "session_timelines", s => s.TaskA1,
            (s, id) => new { s.Studio, id, Session = s.SessionA1 },
            "INSERT INTO session_timelines (studio_id, id, session_id, title) VALUES (@Studio, @id, @Session, 'Send the timeline')"),
        new("session_timelines (of A2's session)", "session_timelines", s => s.TaskA2,
            (s, id) => new { s.Studio, id, Session = s.SessionA2 },
            "INSERT INTO session_timelines (studio_id, id, session_id, title) VALUES (@Studio, @id, @Session, 'Send the timeline')"),

        new("quotes (A1's, sent)", "quotes", s => s.QuoteA1,
            (s, id) => new { s.Studio, id, s.ClientA1 },
            "INSERT INTO quotes (studio_id, id, client_id, title, currency, status, sent_at) VALUES (@Studio, @id, @ClientA1, 'Prints', 'USD', 'sent', now())"),
        new("quotes (A1's, draft)", "quotes", s => s.QuoteA1Draft,
            (s, id) => new { s.Studio, id, s.ClientA1 },
            "INSERT INTO quotes (studio_id, id, client_id, title, currency) VALUES (@Studio, @id, @ClientA1, 'Prints', 'USD')"),

        new("contracts (A1's, sent)", "contracts", s => s.ContractA1,
            (s, id) => new { s.Studio, id, s.ClientA1 },
            "INSERT INTO contracts (studio_id, id, client_id, title, body, status, sent_at) VALUES (@Studio, @id, @ClientA1, 'Prints', 'Terms.', 'sent', now())"),
        new("contracts (A1's, draft)", "contracts", s => s.ContractA1Draft,
            (s, id) => new { s.Studio, id, s.ClientA1 },
            "INSERT INTO contracts (studio_id, id, client_id, title, body) VALUES (@Studio, @id, @ClientA1, 'Prints', 'Terms.')"),

        new("payments (A1's)", "payments", s => s.PaymentA1,
            (s, id) => new { s.Studio, id, s.ClientA1 },
            "INSERT INTO payments (studio_id, id, client_id, amount, currency) VALUES (@Studio, @id, @ClientA1, 500, 'USD')"),

        new("documents (A1's)", "documents", s => s.DocumentA1,
            (s, id) => new { s.Studio, id, s.ClientA1, key = $"documents/{id:N}" },
            """
            INSERT INTO documents (studio_id, id, client_id, kind, file_name, content_type, byte_size, storage_key)
            VALUES (@Studio, @id, @ClientA1, 'shot_list', 'shots.pdf', 'application/pdf', 100, @key)
            """),

        new("galleries (A1's, published)", "galleries", s => s.GalleryA1,
            (s, id) => new { s.Studio, id, s.ShootA1, s.ClientA1, slug = $"g-{id:N}" },
            """
            INSERT INTO galleries (studio_id, id, session_id, client_id, title, slug, status, published_at)
            VALUES (@Studio, @id, @ShootA1, @ClientA1, 'Portraits', @slug, 'published', now())
            """),
        new("galleries (A1's, draft)", "galleries", s => s.GalleryA1Draft,
            (s, id) => new { s.Studio, id, s.ShootA1, s.ClientA1, slug = $"g-{id:N}" },
            "INSERT INTO galleries (studio_id, id, session_id, client_id, title, slug) VALUES (@Studio, @id, @ShootA1, @ClientA1, 'Portraits', @slug)"),

        new("gallery_images (of A1's published gallery)", "gallery_images", s => s.ImageA1,
            (s, id) => new { s.Studio, id, s.GalleryA1, key = $"images/{id:N}" },
            """
            INSERT INTO gallery_images (studio_id, id, gallery_id, file_name, storage_key, width, height, byte_size)
            VALUES (@Studio, @id, @GalleryA1, 'cake.jpg', @key, 4000, 3000, 5000000)
            """),

        new("gallery_access_log (A1 viewing their gallery)", "gallery_access_log", s => s.AccessA1,
            (s, id) => new { s.Studio, id, s.GalleryA1, s.ClientA1 },
            "INSERT INTO gallery_access_log (studio_id, id, gallery_id, client_id, action) VALUES (@Studio, @id, @GalleryA1, @ClientA1, 'view')"),

        new("gallery_settings", "gallery_settings", s => s.GallerySetting,
            (s, id) => new { s.Studio, id },
            "INSERT INTO gallery_settings (studio_id, id, session_type) VALUES (@Studio, @id, 'portrait')"),

        new("timeline_templates", "timeline_templates", s => s.TimelineTemplate,
            (s, id) => new { s.Studio, id, name = $"Template {id:N}" },
            "INSERT INTO timeline_templates (studio_id, id, session_type, name) VALUES (@Studio, @id, 'wedding', @name)"),
    ];

    public static MatrixSubject Named(string name) => All.Single(s => s.Name == name);

    private static MatrixSubject TeamMember(string name, Func<StudioRows, Guid> target, string role) =>
        new(name, "admin_users", target,
            (s, id) => new { s.Studio, id, email = $"m-{id:N}@example.test", role },
            "INSERT INTO admin_users (studio_id, id, email, full_name, role) VALUES (@Studio, @id, @email, 'New Member', @role)");

    private static MatrixSubject Invitation(string name, Func<StudioRows, Guid> target, string role) =>
        new(name, "admin_invitations", target,
            (s, id) => new { s.Studio, id, email = $"i-{id:N}@example.test", role, token = $"{id:N}{id:N}" },
            """
            INSERT INTO admin_invitations (studio_id, id, email, role, token_hash, expires_at)
            VALUES (@Studio, @id, @email, @role, @token, now() + interval '7 days')
            """);

    private static MatrixSubject LeadDocument(string name, Func<StudioRows, Guid> target, Func<StudioRows, Guid> lead) =>
        new(name, "lead_documents", target,
            (s, id) => new { s.Studio, id, Lead = lead(s), s.Staff, key = $"leads/{id:N}" },
            """
            INSERT INTO lead_documents (studio_id, id, lead_id, file_name, content_type, byte_size, storage_key, uploaded_by)
            VALUES (@Studio, @id, @Lead, 'brief.pdf', 'application/pdf', 100, @key, @Staff)
            """);
}
