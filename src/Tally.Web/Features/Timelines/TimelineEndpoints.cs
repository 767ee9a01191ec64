using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tally.Web.Features.Studios;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Timelines;

/// <summary>
/// /api/v1/studios/{slug}/timeline-templates, /sessions/{id}/timeline and /timelines/due. The team
/// reads; owners and admins write templates and apply them; checking a step off is for admins and
/// the staff member the session is assigned to (row-level security decides).
/// </summary>
internal static class TimelineEndpoints
{
    public static RouteGroupBuilder MapTimelines(this IEndpointRouteBuilder api)
    {
        var studio = api.MapGroup("/studios/{slug}").WithTags("Timelines");

        studio.MapGet("/timeline-templates", ListTemplates)
            .WithName(nameof(ListTemplates))
            .WithSummary("List the studio's timeline templates")
            .WithDescription("Every template of the studio, by session type, the default of each type first.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        studio.MapPost("/timeline-templates", CreateTemplate)
            .RequireAuthorization(TallyAuthentication.Admins)
            .WithName(nameof(CreateTemplate))
            .WithSummary("Create a timeline template")
            .WithDescription("""
                Steps are days from the session date, e.g. `{"sessionType":"wedding","name":"Wedding","steps":[{"title":"Questionnaire sent","offsetDays":-30},{"title":"Gallery delivered","offsetDays":21}]}`.
                400 with field errors; 409 when the session type already has a template of that name. A new default replaces the type's old one.
                """)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        studio.MapGet("/timeline-templates/{id:guid}", GetTemplate)
            .WithName(nameof(GetTemplate))
            .WithSummary("One timeline template")
            .WithDescription("The ETag header carries the template's version, for If-Match on PUT.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        studio.MapPut("/timeline-templates/{id:guid}", UpdateTemplate)
            .RequireAuthorization(TallyAuthentication.Admins)
            .WithName(nameof(UpdateTemplate))
            .WithSummary("Replace a timeline template")
            .WithDescription("With If-Match (the ETag or version you read), 412 when someone changed the template since. Sessions it was applied to keep their steps.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        studio.MapDelete("/timeline-templates/{id:guid}", DeleteTemplate)
            .RequireAuthorization(TallyAuthentication.Admins)
            .WithName(nameof(DeleteTemplate))
            .WithSummary("Delete a timeline template")
            .WithDescription("Sessions it was applied to keep their steps.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        studio.MapGet("/sessions/{id:guid}/timeline", GetTimeline)
            .WithName(nameof(GetTimeline))
            .WithSummary("A session's timeline")
            .WithDescription("The session's steps by due date; `overdue` is true for a step not done and due before today in the studio's time zone.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        studio.MapPost("/sessions/{id:guid}/timeline", ApplyTemplate)
            .RequireAuthorization(TallyAuthentication.Admins)
            .WithName(nameof(ApplyTemplate))
            .WithSummary("Apply a timeline template to a session")
            .WithDescription("""
                Body `{"templateId":"…"}`. Due dates are the session's date in the studio's time zone plus each step's offset.
                The session's open steps from an earlier template are replaced; steps already done stay and are not added again,
                so applying twice does not duplicate anything. 409 when the session has no start yet.
                """)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        studio.MapPatch("/sessions/{id:guid}/timeline/{stepId:guid}", ChangeStep)
            .WithName(nameof(ChangeStep))
            .WithSummary("Check a timeline step off, or mark it not done")
            .WithDescription("Body `{\"done\":true}` records you and now; `{\"done\":false}` clears both. 403 for staff on a session not assigned to them.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        studio.MapGet("/timelines/due", ListDue)
            .WithName(nameof(ListDue))
            .WithSummary("Steps due this week")
            .WithDescription($"Open steps due from today to 7 days ahead and every overdue one, of sessions not cancelled, oldest first (at most {TimelineQueries.DueLimit}).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return studio;
    }

    public static async Task<Results<Ok<List<TimelineTemplate>>, ProblemHttpResult>> ListTemplates(string slug, TallyDb db, CancellationToken ct)
    {
        if (!await IsOwnStudioAsync(db, slug, ct))
        {
            return NoStudio(slug);
        }
        return TypedResults.Ok((await TimelineQueries.TemplatesAsync(db, ct)).ToList());
    }

    public static async Task<Results<Ok<TimelineTemplate>, ProblemHttpResult>> GetTemplate(string slug, Guid id, TallyDb db, HttpContext http, CancellationToken ct)
    {
        if (!await IsOwnStudioAsync(db, slug, ct))
        {
            return NoStudio(slug);
        }
        if (await TimelineQueries.TemplateAsync(db, id, ct) is not { } template)
        {
            return NoTemplate();
        }
        http.Response.Headers.ETag = ETag(template.Version);
        return TypedResults.Ok(template);
    }

    public static async Task<Results<Created<TimelineTemplate>, ValidationProblem, ProblemHttpResult>> CreateTemplate(
        string slug, TimelineTemplateInput? body, TallyDb db, HttpContext http, CancellationToken ct)
    {
        if (!await IsOwnStudioAsync(db, slug, ct))
        {
            return NoStudio(slug);
        }
        var (template, errors) = TimelineRules.Validate(body);
        if (template is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var (outcome, id) = await TimelineQueries.SaveAsync(db, null, template, null, ct);
        if (outcome == TemplateSave.NameTaken)
        {
            return NameTaken(template);
        }
        var saved = (await TimelineQueries.TemplateAsync(db, id, ct))!;
        http.Response.Headers.ETag = ETag(saved.Version);
        return TypedResults.Created($"/api/v1/studios/{slug}/timeline-templates/{id}", saved);
    }

    public static async Task<Results<Ok<TimelineTemplate>, ValidationProblem, ProblemHttpResult>> UpdateTemplate(
        string slug, Guid id, TimelineTemplateInput? body, [FromHeader(Name = "If-Match")] string? ifMatch, TallyDb db, HttpContext http, CancellationToken ct)
    {
        if (!await IsOwnStudioAsync(db, slug, ct))
        {
            return NoStudio(slug);
        }
        var (template, errors) = TimelineRules.Validate(body);
        if (template is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var version = string.IsNullOrWhiteSpace(ifMatch) ? null : ifMatch.Trim().Replace("W/", "", StringComparison.Ordinal).Trim('"');
        var (outcome, _) = await TimelineQueries.SaveAsync(db, id, template, version, ct);
        switch (outcome)
        {
            case TemplateSave.NotFound:
                return NoTemplate();
            case TemplateSave.NameTaken:
                return NameTaken(template);
            case TemplateSave.VersionChanged:
                return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Changed since you read it",
                    detail: "Someone changed this template after you read it. Read it again, and apply your change to what is there now.");
        }
        var saved = (await TimelineQueries.TemplateAsync(db, id, ct))!;
        http.Response.Headers.ETag = ETag(saved.Version);
        return TypedResults.Ok(saved);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteTemplate(string slug, Guid id, TallyDb db, CancellationToken ct)
    {
        if (!await IsOwnStudioAsync(db, slug, ct))
        {
            return NoStudio(slug);
        }
        return await TimelineQueries.DeleteTemplateAsync(db, id, ct) ? TypedResults.NoContent() : NoTemplate();
    }

    public static async Task<Results<Ok<SessionTimeline>, ProblemHttpResult>> GetTimeline(string slug, Guid id, TallyDb db, CancellationToken ct)
    {
        if (!await IsOwnStudioAsync(db, slug, ct))
        {
            return NoStudio(slug);
        }
        return await TimelineQueries.TimelineAsync(db, id, ct) is { } timeline ? TypedResults.Ok(timeline) : NoSession();
    }

    public static async Task<Results<Ok<SessionTimeline>, ValidationProblem, ProblemHttpResult>> ApplyTemplate(
        string slug, Guid id, ApplyTimeline? body, TallyDb db, CancellationToken ct)
    {
        if (!await IsOwnStudioAsync(db, slug, ct))
        {
            return NoStudio(slug);
        }
        if (body?.TemplateId is not { } templateId)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["templateId"] = ["Say which template to apply (templateId)."] });
        }
        var (outcome, _) = await TimelineQueries.ApplyAsync(db, id, templateId, ct);
        return outcome switch
        {
            ApplyOutcome.SessionNotFound => NoSession(),
            ApplyOutcome.TemplateNotFound => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["templateId"] = ["There is no timeline template of your studio with that id."] }),
            ApplyOutcome.NoStartDate => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The session has no date",
                detail: "Due dates count from the session's start: give the session a start first."),
            _ => TypedResults.Ok((await TimelineQueries.TimelineAsync(db, id, ct))!),
        };
    }

    public static async Task<Results<Ok<SessionTimeline>, ValidationProblem, ProblemHttpResult>> ChangeStep(
        string slug, Guid id, Guid stepId, StepChange? body, TallyDb db, CancellationToken ct)
    {
        if (!await IsOwnStudioAsync(db, slug, ct))
        {
            return NoStudio(slug);
        }
        if (body?.Done is not { } done)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["done"] = ["Say whether the step is done: true or false."] });
        }
        return await TimelineQueries.SetDoneAsync(db, id, stepId, done, ct) switch
        {
            StepOutcome.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "There is no such step on a session of yours."),
            StepOutcome.NotAllowed => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
                detail: "Only an admin or the team member the session is assigned to can check its steps off."),
            _ => TypedResults.Ok((await TimelineQueries.TimelineAsync(db, id, ct))!),
        };
    }

    public static async Task<Results<Ok<DueList>, ProblemHttpResult>> ListDue(string slug, TallyDb db, CancellationToken ct)
    {
        if (!await IsOwnStudioAsync(db, slug, ct))
        {
            return NoStudio(slug);
        }
        return TypedResults.Ok(await TimelineQueries.DueAsync(db, ct));
    }

    /// <summary>Another studio's slug is simply not found, whatever the policies.</summary>
    internal static async Task<bool> IsOwnStudioAsync(TallyDb db, string slug, CancellationToken ct) =>
        await StudioQueries.FindAsync(db, slug, ct) is { } studio && studio.Id == db.Claims.StudioId;

    internal static ProblemHttpResult NoStudio(string slug) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"There is no studio with the slug '{slug}'.");

    private static ProblemHttpResult NoTemplate() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "There is no timeline template of your studio with that id.");

    private static ProblemHttpResult NoSession() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "There is no session of your studio with that id.");

    private static ProblemHttpResult NameTaken(ValidTemplate template) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Name taken",
            detail: $"The studio already has a {template.SessionType} template named “{template.Name}”.");

    private static string ETag(string version) => $"\"{version}\"";
}
