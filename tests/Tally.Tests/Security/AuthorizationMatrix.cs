namespace Tally.Tests.Security;

/// <summary>
/// What each identity may do to each row of studio A: the policies of
/// 0004_row_level_security.sql written down as a table (docs/security.md explains them).
/// A cell lists the allowed operations: S select, I insert, U update, D delete; '-' is denied.
/// </summary>
internal static class AuthorizationMatrix
{
    public static readonly string[] Operations = ["select", "insert", "update", "delete"];

    /// <summary>Columns in the order of <see cref="SqlIdentity.All"/>.</summary>
    private static readonly (string Subject, string[] Cells)[] Rows =
    [
        //                                                   anon    A1      A2      staff   manager books   admin   owner   system  admin B
        ("studios",                                         ["----", "S---", "S---", "S---", "S---", "S---", "S-U-", "S-U-", "S---", "----"]),
        ("admin_users (a staff member)",                    ["----", "----", "----", "S---", "SIUD", "----", "SIUD", "SIUD", "SIUD", "----"]),
        ("admin_users (an admin)",                          ["----", "----", "----", "----", "S---", "----", "SIUD", "SIUD", "SIUD", "----"]),
        ("admin_users (the owner)",                         ["----", "----", "----", "----", "S---", "----", "S---", "SIUD", "SIUD", "----"]),
        ("admin_invitations (role staff)",                  ["----", "----", "----", "----", "SIUD", "----", "SIUD", "SIUD", "SIUD", "----"]),
        ("admin_invitations (role admin)",                  ["----", "----", "----", "----", "S---", "----", "SIUD", "SIUD", "SIUD", "----"]),
        ("admin_invitations (role owner)",                  ["----", "----", "----", "----", "S---", "----", "S---", "SIUD", "SIUD", "----"]),
        ("clients (A1)",                                    ["----", "S---", "----", "S---", "S---", "S---", "SIUD", "SIUD", "SIUD", "----"]),
        ("client_invitations (A1)",                         ["----", "----", "----", "----", "----", "----", "SIUD", "SIUD", "SIUD", "----"]),
        ("leads (assigned to staff, converted to A1)",      ["----", "S---", "----", "S-U-", "----", "----", "SIUD", "SIUD", "SIUD", "----"]),
        ("leads (unassigned)",                              ["----", "----", "----", "----", "----", "----", "SIUD", "SIUD", "SIUD", "----"]),
        ("lead_interactions (of staff's lead, by staff)",   ["----", "----", "----", "SIU-", "----", "----", "SIUD", "SIUD", "SIUD", "----"]),
        ("lead_interactions (of an unassigned lead, by staff)", ["----", "----", "----", "----", "----", "----", "SIUD", "SIUD", "SIUD", "----"]),
        ("lead_documents (of staff's lead, by staff)",      ["----", "----", "----", "SIU-", "----", "----", "SIUD", "SIUD", "SIUD", "----"]),
        ("lead_documents (of an unassigned lead, by staff)", ["----", "----", "----", "----", "----", "----", "SIUD", "SIUD", "SIUD", "----"]),
        ("sessions (A1's, assigned to staff)",              ["----", "S---", "----", "S-U-", "S---", "----", "SIUD", "SIUD", "SIUD", "----"]),
        ("sessions (A2's, unassigned)",                     ["----", "----", "S---", "S---", "S---", "----", "SIUD", "SIUD", "SIUD", "----"]),
        ("session_timelines (of A1's session)",             ["----", "S---", "----", "S-U-", "S---", "----", "SIUD", "SIUD", "SIUD", "----"]),
        ("session_timelines (of A2's session)",             ["----", "----", "S---", "S---", "S---", "----", "SIUD", "SIUD", "SIUD", "----"]),
        ("quotes (A1's, sent)",                             ["----", "S---", "----", "S---", "S---", "S---", "SIUD", "SIUD", "SIUD", "----"]),
        ("quotes (A1's, draft)",                            ["----", "----", "----", "S---", "S---", "S---", "SIUD", "SIUD", "SIUD", "----"]),
        ("contracts (A1's, sent)",                          ["----", "S---", "----", "S---", "S---", "S---", "SIUD", "SIUD", "SIUD", "----"]),
        ("contracts (A1's, draft)",                         ["----", "----", "----", "S---", "S---", "S---", "SIUD", "SIUD", "SIUD", "----"]),
        ("payments (A1's)",                                 ["----", "S---", "----", "----", "----", "SIUD", "S---", "SIUD", "SIUD", "----"]),
        ("documents (A1's)",                                ["----", "S---", "----", "S---", "S---", "----", "SIUD", "SIUD", "SIUD", "----"]),
        ("galleries (A1's, published)",                     ["----", "S---", "----", "S---", "S---", "----", "SIUD", "SIUD", "SIUD", "----"]),
        ("galleries (A1's, draft)",                         ["----", "----", "----", "S---", "S---", "----", "SIUD", "SIUD", "SIUD", "----"]),
        ("gallery_images (of A1's published gallery)",      ["----", "S---", "----", "S---", "S---", "----", "SIUD", "SIUD", "SIUD", "----"]),
        ("gallery_access_log (A1 viewing their gallery)",   ["----", "-I--", "----", "----", "----", "----", "S---", "S---", "SI--", "----"]),
        ("gallery_settings",                                ["----", "----", "----", "S---", "S---", "S---", "SIUD", "SIUD", "SIUD", "----"]),
        ("timeline_templates",                              ["----", "----", "----", "S---", "S---", "S---", "SIUD", "SIUD", "SIUD", "----"]),
    ];

    public static IReadOnlyList<string> Subjects => Rows.Select(r => r.Subject).ToList();

    /// <summary>Every case: subject × identity × operation, with "allow" or "deny".</summary>
    public static IEnumerable<(string Subject, string Identity, string Operation, string Expected)> Cases()
    {
        foreach (var (subject, cells) in Rows)
        {
            if (cells.Length != SqlIdentity.All.Count)
                throw new InvalidOperationException($"{subject}: {cells.Length} cells for {SqlIdentity.All.Count} identities");
            for (var i = 0; i < cells.Length; i++)
            {
                var cell = cells[i];
                if (cell.Length != 4 || cell.Any(c => c is not ('S' or 'I' or 'U' or 'D' or '-')))
                    throw new InvalidOperationException($"{subject}: malformed cell '{cell}'");
                for (var op = 0; op < Operations.Length; op++)
                    yield return (subject, SqlIdentity.All[i].Name, Operations[op], cell[op] == '-' ? "deny" : "allow");
            }
        }
    }
}
