using Tally.Web.Features.Clients;
using Tally.Web.Features.Leads;
using Tally.Web.Features.Studios;
using Tally.Web.Infrastructure.Identity;
using Tally.Web.Infrastructure.Records;

namespace Tally.Web.Features.Sessions;

/// <summary>What saving a session came to: its id, or why not.</summary>
internal sealed record BookingOutcome(
    Guid? Id, bool NotFound = false, string? StaleVersion = null,
    Dictionary<string, string[]>? Errors = null, List<SessionConflict>? Conflicts = null, string? ForbiddenStatus = null);

/// <summary>
/// Creating or changing a session, the same for the API and the pages: the references checked
/// (client, photographer), the overlap check under the calendar's lock, then the write.
/// </summary>
internal static class SessionBooking
{
    /// <param name="id">The session to change; null to book a new one.</param>
    public static async Task<BookingOutcome> SaveAsync(TallyDb db, Studio studio, Guid? id, RecordVersion.Precondition precondition, SessionValues v, CancellationToken ct)
    {
        if (id is { } existingId)
        {
            if (await SessionQueries.FindAsync(db, studio.Id, existingId, ct) is not { } current)
            {
                return new BookingOutcome(null, NotFound: true);
            }
            if (!precondition.Missing && !precondition.Matches(current.Version))
            {
                return new BookingOutcome(null, StaleVersion: current.Version);
            }
            // The status machine (trigger sessions_workflow_status) would refuse it; say why first.
            if (current.Status != v.Status && await SessionWorkflow.NextStatusesAsync(db, current.Status, ct) is var next
                && !next.Contains(v.Status, StringComparer.Ordinal))
            {
                return new BookingOutcome(null, ForbiddenStatus: SessionWorkflow.Forbidden(current.Status, v.Status, next));
            }
        }
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var client = await ClientQueries.FindAsync(db, studio.Id, v.ClientId, ct);
        if (client is null)
        {
            errors["clientId"] = ["There is no client of your studio with that id."];
        }
        if (v.AssignedTo is { } member && !await SessionQueries.IsActiveMemberAsync(db, studio.Id, member, ct))
        {
            errors["assignedTo"] = ["There is no active team member of your studio with that id."];
        }
        if (errors.Count > 0)
        {
            return new BookingOutcome(null, Errors: errors);
        }
        if (v.HoldsTime)
        {
            var conflicts = await SessionQueries.ConflictsAsync(db, studio.Id, v, id, ct);
            if (conflicts.Count > 0 && !v.AllowOverlap)
            {
                return new BookingOutcome(null, Conflicts: conflicts);
            }
        }
        var title = v.Title ?? $"{client!.FirstName} {client.LastName} {LeadFormat.Label(v.SessionType)}".Replace("  ", " ", StringComparison.Ordinal);
        if (title.Length > 200)
        {
            title = title[..200];
        }
        if (id is { } changed)
        {
            return await SessionQueries.UpdateAsync(db, studio.Id, changed, precondition, v, title, ct)
                ? new BookingOutcome(changed)
                : new BookingOutcome(null, StaleVersion: (await SessionQueries.FindAsync(db, studio.Id, changed, ct))?.Version ?? "");
        }
        return new BookingOutcome(await SessionQueries.CreateAsync(db, studio.Id, v, title, ct));
    }
}
