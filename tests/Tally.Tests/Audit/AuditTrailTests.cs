using Dapper;
using Npgsql;
using Tally.Tests.Security;

namespace Tally.Tests.Audit;

/// <summary>
/// What the audit trigger writes for a change made through the app role with a request's claims:
/// exactly one row per real change, with who, ip and the changed fields; nothing for a no-op.
/// </summary>
public sealed class AuditTrailTests(SecurityDatabase db) : IClassFixture<SecurityDatabase>
{
    // Properties, not positional: Dapper reads a text[] column as System.Array when matching constructors.
    internal sealed record Row
    {
        public string Action { get; init; } = "";
        public string? UserEmail { get; init; }
        public string? UserIp { get; init; }
        public string? RequestId { get; init; }
        public string? OldValues { get; init; }
        public string? NewValues { get; init; }
        public string[]? ChangedFields { get; init; }
    }

    public static TheoryData<string, string, string, string> Changes => new()
    {
        { "leads", "INSERT INTO leads (studio_id, id, first_name, email, status) VALUES (@studio, @id, 'Dora', 'dora@audit.test', 'new')", "first_name", "'Dorothy'" },
        { "clients", "INSERT INTO clients (studio_id, id, first_name, last_name, email) VALUES (@studio, @id, 'Eve', 'Old', 'eve@audit.test')", "last_name", "'New'" },
        { "session_timelines", "INSERT INTO session_timelines (studio_id, id, session_id, title) VALUES (@studio, @id, @session, 'Scout venue')", "title", "'Scout the venue'" },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task InsertUpdateDelete_EachLeaveExactlyOneCorrectRow_NoOpUpdateNone(string table, string insert, string column, string value)
    {
        var id = Guid.CreateVersion7();
        var args = new { studio = db.A.Studio, id, session = db.A.SessionA1 };
        var where = $"WHERE studio_id = @studio AND id = @id";

        var rows = await db.AsAppAsync(db.Claims(SqlIdentity.Admin), async (conn, tx) =>
        {
            await conn.ExecuteAsync(insert, args, tx);
            var afterInsert = await RowsAsync(conn, tx, table, id);
            await conn.ExecuteAsync($"UPDATE {table} SET {column} = {value} {where}", args, tx);
            var afterUpdate = await RowsAsync(conn, tx, table, id);
            await conn.ExecuteAsync($"UPDATE {table} SET {column} = {column} {where}", args, tx);
            var afterNoOp = await RowsAsync(conn, tx, table, id);
            await conn.ExecuteAsync($"DELETE FROM {table} {where}", args, tx);
            return (afterInsert, afterUpdate, afterNoOp, afterDelete: await RowsAsync(conn, tx, table, id));
        });

        var inserted = Assert.Single(rows.afterInsert);
        Assert.Equal("insert", inserted.Action);
        Assert.Null(inserted.OldValues);
        Assert.Contains(id.ToString(), inserted.NewValues!, StringComparison.Ordinal);
        Assert.Equal(2, rows.afterUpdate.Count);
        var updated = rows.afterUpdate[1];
        Assert.Equal("update", updated.Action);
        Assert.Equal([column], updated.ChangedFields!);
        Assert.Contains(value.Trim('\''), updated.NewValues!, StringComparison.Ordinal);
        Assert.Equal(2, rows.afterNoOp.Count);
        Assert.Equal(3, rows.afterDelete.Count);
        var deleted = rows.afterDelete[2];
        Assert.Equal("delete", deleted.Action);
        Assert.Null(deleted.NewValues);
        Assert.Contains(value.Trim('\''), deleted.OldValues!, StringComparison.Ordinal);
        Assert.All(rows.afterDelete, r =>
        {
            Assert.Equal("admin@studio-a.test", r.UserEmail);
            Assert.Equal("192.0.2.20", r.UserIp);
            Assert.Equal("req-admin", r.RequestId);
        });
    }

    [Theory]
    [InlineData("UPDATE audit_log SET action = 'forged'")]
    [InlineData("DELETE FROM audit_log")]
    [InlineData("TRUNCATE audit_log")]
    [InlineData("INSERT INTO audit_log (studio_id, action) VALUES ((select auth.studio_id()), 'insert')")]
    [InlineData("UPDATE audit.audit_log_default SET action = 'forged'")]
    [InlineData("UPDATE audit.chain_heads SET seq = 0")]
    [InlineData("SELECT audit.seal((select auth.studio_id()))")]
    public async Task AppRole_CannotModifyTheTrail(string sql)
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            db.AsAppAsync(db.Claims(SqlIdentity.Owner), (conn, tx) => conn.ExecuteAsync(sql, transaction: tx)));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Theory]
    [InlineData(SqlIdentity.Owner, true)]
    [InlineData(SqlIdentity.Admin, true)]
    [InlineData(SqlIdentity.Anonymous, false)]
    [InlineData(SqlIdentity.ClientA1, false)]
    [InlineData(SqlIdentity.Staff, false)]
    [InlineData(SqlIdentity.TeamManager, false)]
    [InlineData(SqlIdentity.Bookkeeper, false)]
    [InlineData(SqlIdentity.System, false)]
    [InlineData(SqlIdentity.AdminOfB, false)]
    public async Task StudioATrail_IsReadByItsAdminsOnly(string identity, bool reads)
    {
        var visible = await db.AsAppAsync(db.Claims(identity), (conn, tx) =>
            conn.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log WHERE studio_id = @studio", new { studio = db.A.Studio }, tx));

        Assert.Equal(reads, visible > 0);
    }

    [Fact]
    public async Task RecordEvent_WritesTheEvent_ButRefusesDataChangeActions()
    {
        var events = await db.AsAppAsync(db.Claims(SqlIdentity.Admin), async (conn, tx) =>
        {
            await conn.ExecuteAsync("SELECT audit.record_event('export.csv', '{\"rows\": 12}')", transaction: tx);
            return (await conn.QueryAsync<(string, string)>(
                "SELECT user_email::text, metadata::text FROM audit_log WHERE action = 'export.csv'", transaction: tx)).ToList();
        });
        var forged = await Assert.ThrowsAsync<PostgresException>(() => db.AsAppAsync(db.Claims(SqlIdentity.Admin),
            (conn, tx) => conn.ExecuteAsync("SELECT audit.record_event('update', '{}')", transaction: tx)));

        Assert.Equal(("admin@studio-a.test", "{\"rows\": 12}"), Assert.Single(events));
        Assert.Equal(PostgresErrorCodes.InvalidParameterValue, forged.SqlState);
    }

    [Fact]
    public async Task PasswordHashes_AreRedactedInTheTrail()
    {
        await using var owner = await db.OpenOwnerAsync();
        await using var tx = await owner.BeginTransactionAsync();
        await owner.ExecuteAsync("UPDATE admin_users SET password_hash = repeat('h', 40) WHERE studio_id = @studio AND id = @id",
            new { studio = db.A.Studio, id = db.A.Staff }, tx);
        var row = await owner.QuerySingleAsync<(string[] Changed, string New)>(
            "SELECT changed_fields, new_values::text FROM audit_log WHERE record_id = @id AND action = 'update' ORDER BY entry_no DESC LIMIT 1",
            new { id = db.A.Staff }, tx);
        await tx.RollbackAsync();

        Assert.Contains("password_hash", row.Changed);
        Assert.Contains("[redacted]", row.New, StringComparison.Ordinal);
        Assert.DoesNotContain("hhhh", row.New, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncate_OfAnAuditedTable_IsRefusedEvenForTheOwner()
    {
        await using var owner = await db.OpenOwnerAsync();
        await using var tx = await owner.BeginTransactionAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => owner.ExecuteAsync("TRUNCATE session_timelines", transaction: tx));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    private static async Task<List<Row>> RowsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string table, Guid id) =>
        (await conn.QueryAsync<Row>("""
            SELECT action, user_email::text AS useremail, host(user_ip) AS userip, request_id AS requestid,
                   old_values::text AS oldvalues, new_values::text AS newvalues, changed_fields AS changedfields
            FROM audit_log WHERE table_name = @table AND record_id = @id ORDER BY entry_no
            """, new { table, id }, tx)).ToList();
}
