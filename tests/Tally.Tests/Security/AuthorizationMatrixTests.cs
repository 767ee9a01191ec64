using Dapper;
using Npgsql;
using Tally.Tests.Schema;
using Xunit.Abstractions;

namespace Tally.Tests.Security;

/// <summary>
/// The authorization matrix at the SQL level: every row of <see cref="AuthorizationMatrix"/> run
/// as tally_app with the identity's claims, one transaction per case, rolled back.
/// select: the studio A row is visible (1) or not (0). insert: the new studio A row goes in or
/// fails with 42501. update/delete: 1 row affected or 0 (RLS hides rows, it does not raise).
/// </summary>
public sealed class AuthorizationMatrixTests(SecurityDatabase db, ITestOutputHelper output) : IClassFixture<SecurityDatabase>
{
    public static TheoryData<string, string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var (subject, identity, operation, expected) in AuthorizationMatrix.Cases())
            data.Add(subject, identity, operation, expected);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Operation_AsIdentityOnStudioARow_MatchesMatrix(string subject, string identity, string operation, string expected)
    {
        var row = MatrixSubject.Named(subject);

        var observed = await db.AsAppAsync(db.Claims(identity), (connection, transaction) =>
            Attempt(connection, transaction, row, operation));

        Assert.True(expected == observed,
            $"{identity} {operation} on {subject}: expected {expected}, the database said {observed}");
    }

    [Fact]
    public void Matrix_Size_CoversEveryBaseTableIdentityAndOperation()
    {
        var cases = AuthorizationMatrix.Cases().ToList();
        var subjects = AuthorizationMatrix.Subjects;

        output.WriteLine($"authorization matrix: {cases.Count} cases = {subjects.Count} studio A rows x " +
                         $"{SqlIdentity.All.Count} identities x {AuthorizationMatrix.Operations.Length} operations " +
                         $"({cases.Count(c => c.Expected == "allow")} allow, {cases.Count(c => c.Expected == "deny")} deny)");

        Assert.Equal(subjects.Count, subjects.Distinct().Count());
        Assert.Equal(subjects.Order(), MatrixSubject.All.Select(s => s.Name).Order());
        Assert.Empty(BaseTables.All.Except(MatrixSubject.All.Select(s => s.Table)));
        Assert.Equal(subjects.Count * SqlIdentity.All.Count * AuthorizationMatrix.Operations.Length, cases.Count);
        Assert.Equal(SqlIdentity.All.Count, SqlIdentity.All.Select(i => i.Name).Distinct().Count());
    }

    [Fact]
    public async Task MatrixRows_AsOwnerRole_AllExistInStudioA()
    {
        await using var owner = await db.OpenOwnerAsync();
        foreach (var row in MatrixSubject.All)
        {
            var count = await owner.ExecuteScalarAsync<long>(row.SelectSql, new { db.A.Studio, Id = row.Target(db.A) });
            Assert.True(count == 1, $"{row.Name}: the target row is missing");
        }
    }

    private async Task<string> Attempt(NpgsqlConnection connection, NpgsqlTransaction transaction, MatrixSubject row, string operation)
    {
        var key = new { db.A.Studio, Id = row.Target(db.A) };
        switch (operation)
        {
            case "select":
                return await connection.ExecuteScalarAsync<long>(row.SelectSql, key, transaction) switch
                {
                    1 => "allow",
                    0 => "deny",
                    var n => $"{n} rows",
                };
            case "insert":
                try
                {
                    await connection.ExecuteAsync(row.InsertSql, row.InsertArgs(db.A, Guid.CreateVersion7()), transaction);
                    return "allow";
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
                {
                    return "deny";
                }
            case "update":
                return Rows(await connection.ExecuteAsync(row.UpdateSql, key, transaction));
            case "delete":
                try
                {
                    return Rows(await connection.ExecuteAsync(row.DeleteSql, key, transaction));
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
                {
                    // Only a row the DELETE policy let through is deleted and then checked against
                    // its referencing rows (a client with sessions): the policy allowed it.
                    return "allow";
                }
            default:
                throw new ArgumentOutOfRangeException(nameof(operation), operation, null);
        }
    }

    private static string Rows(int affected) => affected switch
    {
        1 => "allow",
        0 => "deny",
        _ => $"{affected} rows",
    };
}
