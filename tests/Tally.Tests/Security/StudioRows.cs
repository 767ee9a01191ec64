using Dapper;
using Npgsql;

namespace Tally.Tests.Security;

/// <summary>
/// One studio's worth of rows for the security tests, with a row in every base table. The same
/// shape is written for studio A (the one under test) and studio B (the neighbour that must stay
/// invisible). Rows the matrix updates or deletes are leaves where possible: nothing restricts their
/// deletion except the client rows themselves (a client with sessions cannot be deleted).
/// </summary>
internal sealed record StudioRows(string Slug)
{
    public Guid Studio { get; } = Guid.CreateVersion7();

    // The team: one member per role, plus a staff member holding can_manage_team.
    public Guid Owner { get; } = Guid.CreateVersion7();
    public Guid Admin { get; } = Guid.CreateVersion7();
    public Guid Staff { get; } = Guid.CreateVersion7();
    public Guid Manager { get; } = Guid.CreateVersion7();
    public Guid Bookkeeper { get; } = Guid.CreateVersion7();

    public Guid InvitationStaff { get; } = Guid.CreateVersion7();
    public Guid InvitationAdmin { get; } = Guid.CreateVersion7();
    public Guid InvitationOwner { get; } = Guid.CreateVersion7();

    public Guid ClientA1 { get; } = Guid.CreateVersion7();
    public Guid ClientA2 { get; } = Guid.CreateVersion7();
    public Guid ClientInvitationA1 { get; } = Guid.CreateVersion7();

    /// <summary>Assigned to <see cref="Staff"/> and converted into client A1.</summary>
    public Guid LeadAssigned { get; } = Guid.CreateVersion7();
    public Guid LeadUnassigned { get; } = Guid.CreateVersion7();
    public Guid InteractionAssigned { get; } = Guid.CreateVersion7();
    public Guid InteractionUnassigned { get; } = Guid.CreateVersion7();
    public Guid LeadDocumentAssigned { get; } = Guid.CreateVersion7();
    public Guid LeadDocumentUnassigned { get; } = Guid.CreateVersion7();

    /// <summary>Client A1's session, assigned to <see cref="Staff"/>.</summary>
    public Guid SessionA1 { get; } = Guid.CreateVersion7();
    /// <summary>Client A2's session, assigned to nobody.</summary>
    public Guid SessionA2 { get; } = Guid.CreateVersion7();
    /// <summary>The shoot A1's galleries deliver (kept apart so <see cref="SessionA1"/> stays a leaf).</summary>
    public Guid ShootA1 { get; } = Guid.CreateVersion7();
    public Guid TaskA1 { get; } = Guid.CreateVersion7();
    public Guid TaskA2 { get; } = Guid.CreateVersion7();

    public Guid QuoteA1 { get; } = Guid.CreateVersion7();
    public Guid QuoteA1Draft { get; } = Guid.CreateVersion7();
    public Guid ContractA1 { get; } = Guid.CreateVersion7();
    public Guid ContractA1Draft { get; } = Guid.CreateVersion7();
    public Guid PaymentA1 { get; } = Guid.CreateVersion7();
    public Guid DocumentA1 { get; } = Guid.CreateVersion7();

    public Guid GalleryA1 { get; } = Guid.CreateVersion7();
    public Guid GalleryA1Draft { get; } = Guid.CreateVersion7();
    public Guid ImageA1 { get; } = Guid.CreateVersion7();
    public Guid AccessA1 { get; } = Guid.CreateVersion7();

    public Guid GallerySetting { get; } = Guid.CreateVersion7();
    public Guid TimelineTemplate { get; } = Guid.CreateVersion7();

    /// <summary>Writes the rows as the owner (BYPASSRLS), the way migrations and seeds do.</summary>
    public async Task WriteAsync(NpgsqlConnection owner)
    {
        await owner.ExecuteAsync("""
            INSERT INTO studios (id, slug, name, timezone) VALUES (@Studio, @Slug, @Slug, 'Europe/London');

            INSERT INTO admin_users (studio_id, id, email, full_name, role, can_view_analytics, can_manage_payments, can_manage_team) VALUES
              (@Studio, @Owner, 'owner@' || @Slug || '.test', 'Olive Owner', 'owner', true, true, true),
              (@Studio, @Admin, 'admin@' || @Slug || '.test', 'Adam Admin', 'admin', true, false, false),
              (@Studio, @Staff, 'staff@' || @Slug || '.test', 'Sam Staff', 'staff', false, false, false),
              (@Studio, @Manager, 'manager@' || @Slug || '.test', 'Mia Manager', 'staff', false, false, true),
              (@Studio, @Bookkeeper, 'books@' || @Slug || '.test', 'Bea Books', 'bookkeeper', false, true, false);

            INSERT INTO admin_invitations (studio_id, id, email, role, token_hash, invited_by, expires_at) VALUES
              (@Studio, @InvitationStaff, 'new-staff@' || @Slug || '.test', 'staff', md5(@Slug || 'staff') || md5('s'), @Owner, now() + interval '7 days'),
              (@Studio, @InvitationAdmin, 'new-admin@' || @Slug || '.test', 'admin', md5(@Slug || 'admin') || md5('a'), @Owner, now() + interval '7 days'),
              (@Studio, @InvitationOwner, 'new-owner@' || @Slug || '.test', 'owner', md5(@Slug || 'owner') || md5('o'), @Owner, now() + interval '7 days');

            INSERT INTO clients (studio_id, id, first_name, last_name, email) VALUES
              (@Studio, @ClientA1, 'Ada', 'One', 'a1@' || @Slug || '.test'),
              (@Studio, @ClientA2, 'Ben', 'Two', 'a2@' || @Slug || '.test');
            INSERT INTO client_invitations (studio_id, id, client_id, email, token_hash, invited_by, expires_at, accepted_at) VALUES
              (@Studio, @ClientInvitationA1, @ClientA1, 'a1@' || @Slug || '.test', md5(@Slug || 'client') || md5('c'), @Admin,
               now() + interval '15 minutes', now());

            INSERT INTO leads (studio_id, id, first_name, email, status, assigned_to, converted_client_id) VALUES
              (@Studio, @LeadAssigned, 'Ada', 'a1@' || @Slug || '.test', 'won', @Staff, @ClientA1),
              (@Studio, @LeadUnassigned, 'Cora', 'cora@' || @Slug || '.test', 'new', NULL, NULL);
            INSERT INTO lead_interactions (studio_id, id, lead_id, kind, summary, created_by) VALUES
              (@Studio, @InteractionAssigned, @LeadAssigned, 'call', 'Talked dates', @Staff),
              (@Studio, @InteractionUnassigned, @LeadUnassigned, 'note', 'Left a message', @Staff);
            INSERT INTO lead_documents (studio_id, id, lead_id, file_name, content_type, byte_size, storage_key, uploaded_by) VALUES
              (@Studio, @LeadDocumentAssigned, @LeadAssigned, 'venue.pdf', 'application/pdf', 1000, 'leads/assigned', @Staff),
              (@Studio, @LeadDocumentUnassigned, @LeadUnassigned, 'moodboard.pdf', 'application/pdf', 1000, 'leads/unassigned', @Staff);

            INSERT INTO sessions (studio_id, id, client_id, session_type, title, status, starts_at, ends_at, assigned_to) VALUES
              (@Studio, @SessionA1, @ClientA1, 'engagement', 'Engagement', 'booked', now() + interval '30 days', now() + interval '30 days 2 hours', @Staff),
              (@Studio, @SessionA2, @ClientA2, 'portrait', 'Portrait', 'inquiry', NULL, NULL, NULL),
              (@Studio, @ShootA1, @ClientA1, 'wedding', 'Wedding', 'completed', now() - interval '30 days', now() - interval '29 days', NULL);
            INSERT INTO session_timelines (studio_id, id, session_id, title) VALUES
              (@Studio, @TaskA1, @SessionA1, 'Send questionnaire'),
              (@Studio, @TaskA2, @SessionA2, 'Confirm location');

            INSERT INTO quotes (studio_id, id, client_id, title, currency, status, sent_at) VALUES
              (@Studio, @QuoteA1, @ClientA1, 'Wedding collection', 'USD', 'sent', now()),
              (@Studio, @QuoteA1Draft, @ClientA1, 'Album upgrade', 'USD', 'draft', NULL);
            INSERT INTO contracts (studio_id, id, client_id, title, body, status, sent_at) VALUES
              (@Studio, @ContractA1, @ClientA1, 'Wedding agreement', 'Terms.', 'sent', now()),
              (@Studio, @ContractA1Draft, @ClientA1, 'Album agreement', 'Terms.', 'draft', NULL);
            INSERT INTO payments (studio_id, id, client_id, description, amount, currency, status, due_date) VALUES
              (@Studio, @PaymentA1, @ClientA1, 'Retainer', 1500, 'USD', 'due', current_date + 14);
            INSERT INTO documents (studio_id, id, client_id, kind, file_name, content_type, byte_size, storage_key) VALUES
              (@Studio, @DocumentA1, @ClientA1, 'questionnaire', 'questionnaire.pdf', 'application/pdf', 2000, 'documents/a1');

            INSERT INTO galleries (studio_id, id, session_id, client_id, title, slug, status, published_at) VALUES
              (@Studio, @GalleryA1, @ShootA1, @ClientA1, 'Wedding', 'wedding', 'published', now()),
              (@Studio, @GalleryA1Draft, @ShootA1, @ClientA1, 'Wedding extras', 'wedding-extras', 'draft', NULL);
            INSERT INTO gallery_images (studio_id, id, gallery_id, file_name, storage_key, width, height, byte_size) VALUES
              (@Studio, @ImageA1, @GalleryA1, 'first-dance.jpg', 'images/first-dance', 6000, 4000, 9000000);
            UPDATE galleries SET cover_image_id = @ImageA1 WHERE studio_id = @Studio AND id = @GalleryA1;
            INSERT INTO gallery_access_log (studio_id, id, gallery_id, client_id, image_id, action) VALUES
              (@Studio, @AccessA1, @GalleryA1, @ClientA1, @ImageA1, 'view');

            INSERT INTO gallery_settings (studio_id, id, session_type) VALUES (@Studio, @GallerySetting, 'wedding');
            INSERT INTO timeline_templates (studio_id, id, session_type, name) VALUES (@Studio, @TimelineTemplate, 'wedding', 'Wedding');
            """, this);
    }
}
