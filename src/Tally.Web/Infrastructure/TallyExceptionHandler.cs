using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Tally.Web.Infrastructure;

/// <summary>
/// Turns every exception that escapes an endpoint into a ProblemDetails answer. Errors the caller
/// can fix (a constraint the data breaks, a malformed value) become 4xx naming what was broken;
/// anything else is a 500 that says nothing about the internals and is logged with the request id.
/// </summary>
internal sealed partial class TallyExceptionHandler(ILogger<TallyExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
            LogAborted(logger, httpContext.Request.Path);
            httpContext.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            return true;
        }

        var problem = ProblemFor(exception);
        if (problem.Status >= StatusCodes.Status500InternalServerError)
        {
            LogFailed(logger, problem.Status ?? 0, exception);
        }
        else
        {
            LogRejected(logger, problem.Status ?? 0, problem.Detail, exception.GetType().Name);
        }

        if (ErrorPages.WantsHtml(httpContext))
        {
            // A person in the admin app gets a page, not JSON.
            await ErrorPages.RenderAsync(httpContext, problem.Status ?? StatusCodes.Status500InternalServerError);
            return true;
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        await ErrorPages.WriteProblemAsync(httpContext, problem, exception);
        return true;
    }

    internal static ProblemDetails ProblemFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = "Bad Request",
            Detail = bad.Message,
        },
        PostgresException pg => ProblemFor(pg),
        // The database cannot be reached or timed out: nothing the caller did, and worth a retry.
        NpgsqlException { IsTransient: true } => new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "Service Unavailable",
            Detail = "The database is not available right now; try again shortly.",
        },
        _ => Unexpected(),
    };

    private static ProblemDetails ProblemFor(PostgresException pg)
    {
        var problem = pg.SqlState switch
        {
            PostgresErrorCodes.UniqueViolation => Constraint(StatusCodes.Status409Conflict, "Conflict",
                $"Another row already has these values (constraint {pg.ConstraintName})."),
            PostgresErrorCodes.ForeignKeyViolation => Constraint(StatusCodes.Status409Conflict, "Conflict",
                $"The row refers to a row that does not exist, or is still referred to (constraint {pg.ConstraintName})."),
            PostgresErrorCodes.CheckViolation => Constraint(StatusCodes.Status422UnprocessableEntity, "Unprocessable Entity",
                $"A value breaks a rule of the data (constraint {pg.ConstraintName})."),
            // A workflow trigger refused a stage or status change (docs/workflow.md).
            "WF409" => Constraint(StatusCodes.Status409Conflict, "Transition not allowed",
                pg.MessageText + (pg.Hint is { Length: > 0 } hint ? ". " + hint + "." : ".")),
            PostgresErrorCodes.NotNullViolation => Constraint(StatusCodes.Status422UnprocessableEntity, "Unprocessable Entity",
                $"A required value is missing (column {pg.ColumnName})."),
            // Class 22, data exception: a value of the wrong shape or out of range for its type.
            _ when pg.SqlState.StartsWith("22", StringComparison.Ordinal) => Constraint(StatusCodes.Status400BadRequest, "Bad Request",
                "A value is not valid for its type or is out of range."),
            _ => null,
        };
        if (problem is null)
        {
            return Unexpected();
        }
        problem.Extensions["sqlState"] = pg.SqlState;
        if (pg.ConstraintName is { Length: > 0 } constraint)
        {
            problem.Extensions["constraint"] = constraint;
        }
        if (pg.ColumnName is { Length: > 0 } column)
        {
            problem.Extensions["column"] = column;
        }
        return problem;
    }

    private static ProblemDetails Constraint(int status, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail };

    private static ProblemDetails Unexpected() => new()
    {
        Status = StatusCodes.Status500InternalServerError,
        Title = "An unexpected error occurred.",
        Detail = "The error has been logged; quote the request id when you report it.",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Request failed with {Status}")]
    private static partial void LogFailed(ILogger logger, int status, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request rejected with {Status}: {Detail} ({ExceptionType})")]
    private static partial void LogRejected(ILogger logger, int status, string? detail, string exceptionType);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Request to {Path} aborted by the client")]
    private static partial void LogAborted(ILogger logger, PathString path);
}
