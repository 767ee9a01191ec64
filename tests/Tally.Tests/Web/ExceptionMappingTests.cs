using Microsoft.AspNetCore.Http;
using Npgsql;
using Tally.Web.Infrastructure;

namespace Tally.Tests.Web;

public sealed class ExceptionMappingTests
{
    [Theory]
    [InlineData(PostgresErrorCodes.UniqueViolation, StatusCodes.Status409Conflict)]
    [InlineData(PostgresErrorCodes.ForeignKeyViolation, StatusCodes.Status409Conflict)]
    [InlineData(PostgresErrorCodes.CheckViolation, StatusCodes.Status422UnprocessableEntity)]
    public void ProblemFor_ConstraintViolation_Is4xxNamingTheConstraint(string sqlState, int status)
    {
        var problem = TallyExceptionHandler.ProblemFor(Postgres(sqlState, constraint: "leads_status_check"));

        Assert.Equal(status, problem.Status);
        Assert.Contains("leads_status_check", problem.Detail, StringComparison.Ordinal);
        Assert.Equal("leads_status_check", problem.Extensions["constraint"]);
        Assert.Equal(sqlState, problem.Extensions["sqlState"]);
    }

    [Theory]
    [InlineData(PostgresErrorCodes.InvalidTextRepresentation)]
    [InlineData(PostgresErrorCodes.NumericValueOutOfRange)]
    [InlineData(PostgresErrorCodes.CharacterNotInRepertoire)]
    public void ProblemFor_DataException_Is400(string sqlState)
    {
        var problem = TallyExceptionHandler.ProblemFor(Postgres(sqlState));

        Assert.Equal(StatusCodes.Status400BadRequest, problem.Status);
        Assert.DoesNotContain("secret", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ProblemFor_OtherDatabaseError_Is500WithoutInternals()
    {
        var problem = TallyExceptionHandler.ProblemFor(Postgres(PostgresErrorCodes.SerializationFailure));

        Assert.Equal(StatusCodes.Status500InternalServerError, problem.Status);
        Assert.Empty(problem.Extensions);
        Assert.DoesNotContain("secret", problem.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ProblemFor_UnexpectedException_Is500WithoutItsMessage()
    {
        var problem = TallyExceptionHandler.ProblemFor(new InvalidOperationException("secret connection string"));

        Assert.Equal(StatusCodes.Status500InternalServerError, problem.Status);
        Assert.DoesNotContain("secret", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", problem.Title, StringComparison.Ordinal);
    }

    private static PostgresException Postgres(string sqlState, string? constraint = null) =>
        new("secret message text", "ERROR", "ERROR", sqlState, detail: "secret detail", constraintName: constraint);
}
