using Dapper;
using Tally.Web.Features.Studios;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Inquiry;

/// <summary>What an inquiry did: a new lead, or an interaction on the open lead of the same email.</summary>
public enum InquiryOutcome
{
    Created,
    Attached,
}

/// <summary>
/// The form's database work. The visitor is anonymous, so row-level security shows them no studio
/// and lets them write no lead: both go through the definer functions of 0012_public_inquiry.sql
/// (decision 0011).
/// </summary>
internal static class InquirySubmissions
{
    public static async Task<InquiryStudio?> FindStudioAsync(TallyDb db, string? slug, CancellationToken ct)
    {
        if (!StudioSlug.IsValid(slug))
        {
            return null;
        }
        var conn = await db.ConnectionAsync(ct);
        return await conn.QuerySingleOrDefaultAsync<InquiryStudio>(new CommandDefinition(
            "SELECT id, slug, name, default_currency AS DefaultCurrency FROM auth.inquiry_studio(@slug)", new { slug }, cancellationToken: ct));
    }

    /// <summary>Writes the inquiry; null when the studio does not exist (any more).</summary>
    public static async Task<(InquiryOutcome Outcome, Guid LeadId)?> SubmitAsync(TallyDb db, string slug, Inquiry inquiry, CancellationToken ct)
    {
        var conn = await db.ConnectionAsync(ct);
        var p = new DynamicParameters(new
        {
            slug,
            leadId = Guid.CreateVersion7(),
            interactionId = Guid.CreateVersion7(),
            inquiry.FirstName,
            inquiry.LastName,
            inquiry.PartnerName,
            inquiry.Email,
            inquiry.Phone,
            inquiry.EventType,
            inquiry.Budget,
            inquiry.Source,
            inquiry.Message,
        });
        p.Add("EventDate", inquiry.EventDate, System.Data.DbType.Date);
        var row = await conn.QuerySingleOrDefaultAsync<SubmitRow>(new CommandDefinition("""
            SELECT outcome AS Outcome, lead_id AS LeadId FROM auth.submit_inquiry(@slug, @leadId, @interactionId, @FirstName, @LastName, @PartnerName,
                @Email, @Phone, @EventType, @EventDate::date, @Budget::numeric, @Source, @Message)
            """, p, cancellationToken: ct));
        return row is { } r ? (r.Outcome == "attached" ? InquiryOutcome.Attached : InquiryOutcome.Created, r.LeadId) : null;
    }

    private sealed record SubmitRow(string Outcome, Guid LeadId);
}
