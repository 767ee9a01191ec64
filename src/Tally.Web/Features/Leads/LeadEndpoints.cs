using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tally.Web.Features.Studios;
using Tally.Web.Infrastructure.Identity;

namespace Tally.Web.Features.Leads;

/// <summary>The leads API: /api/v1/studios/{slug}/leads (docs/leads.md).</summary>
internal static class LeadEndpoints
{
    public static RouteGroupBuilder MapLeads(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/studios/{slug}/leads").WithTags("Leads");
        group.MapGet("/", ListLeads)
            .WithName(nameof(ListLeads))
            .WithExamples(null, "200", LeadApiExamples.Page)
            .WithSummary("List a studio's leads")
            .WithDescription("A page of the studio's leads, filtered and sorted, with keyset paging: pass the answer's `next` as `after` for the following page (null on the last). The order is total (every sort ends with the id), so pages never overlap or skip, however deep. Archived leads are left out unless `archived=true`. There is no total count.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateLead)
            .WithName(nameof(CreateLead))
            .WithExamples(LeadApiExamples.Lead, "201", LeadApiExamples.Detail)
            .WithSummary("Create a lead")
            .WithDescription("Creates a lead (status new, stage inquiry). Answers 201 with the lead, its `Location` and its `ETag`. Owners and admins only.")
            .Accepts<LeadInput>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(TallyAuthentication.Admins);
        group.MapGet("/{id:guid}", GetLead)
            .WithName(nameof(GetLead))
            .WithExamples(null, "200", LeadApiExamples.Detail)
            .WithSummary("Get one lead")
            .WithDescription("Every field of the lead. The `ETag` header is its row version: send it back as `If-Match` to update the lead.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/{id:guid}", ReplaceLead)
            .WithName(nameof(ReplaceLead))
            .WithExamples(LeadApiExamples.Lead, "200", LeadApiExamples.Detail)
            .WithSummary("Replace a lead's fields")
            .WithDescription("Writes every field of the body (a missing one becomes empty). Requires `If-Match` with the lead's ETag: 428 without it, 412 when someone changed the lead since (read it again). Status and stage change through the workflow (`POST /api/v1/leads/{id}/stage`) and conversion, not here.")
            .Accepts<LeadInput>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapPatch("/{id:guid}", PatchLead)
            .WithName(nameof(PatchLead))
            .WithExamples(LeadApiExamples.Patch, "200", LeadApiExamples.Detail)
            .WithSummary("Change some of a lead's fields")
            .WithDescription("A JSON merge patch (RFC 7396): the fields present are written (null empties one), the others kept. Requires `If-Match` like PUT.")
            .Accepts<LeadInput>("application/merge-patch+json", "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        group.MapDelete("/{id:guid}", ArchiveLead)
            .WithName(nameof(ArchiveLead))
            .WithSummary("Archive a lead")
            .WithDescription("Archives the lead: it leaves the working list (it stays readable, and `POST …/restore` brings it back). Nothing is deleted. `If-Match` is optional; when given, a stale one is a 412. Owners and admins only.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .RequireAuthorization(TallyAuthentication.Admins);
        group.MapPost("/{id:guid}/restore", RestoreLead)
            .WithName(nameof(RestoreLead))
            .WithSummary("Unarchive a lead")
            .WithDescription("Brings an archived lead back into the working list. Owners and admins only.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(TallyAuthentication.Admins);
        group.MapPost("/{id:guid}/convert", ConvertLead)
            .WithName(nameof(ConvertLead))
            .WithExamples(LeadApiExamples.Conversion, "200", LeadApiExamples.Converted)
            .WithSummary("Convert a lead into a client (and optionally book a session)")
            .WithDescription("In one step that happens whole or not at all: makes a client from the lead — or links the studio's client who already has the lead's email — optionally books a session for them, and marks the lead won (stage booked). 400 when the session is not valid (nothing changes), 409 when the lead was already converted or is lost or archived. `If-Match` is optional; a stale one is a 412. Owners and admins only.")
            .Accepts<ConversionInput>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .RequireAuthorization(TallyAuthentication.Admins);
        group.MapGet("/{id:guid}/interactions", ListInteractions)
            .WithName(nameof(ListInteractions))
            .WithSummary("A lead's interactions, newest first")
            .WithDescription("Calls, emails, notes and meetings with the lead, and the inquiries it sent, newest first.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/interactions", AddInteraction)
            .WithName(nameof(AddInteraction))
            .WithExamples(LeadApiExamples.Interaction, "201", null)
            .WithSummary("Record an interaction with a lead")
            .WithDescription("Records a call, email, note or meeting, by the caller. Answers 201 with it.")
            .Accepts<InteractionInput>("application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static async Task<Results<Ok<LeadListPage>, ValidationProblem, ProblemHttpResult>> ListLeads(
        [AsParameters] ListLeadsRequest r, TallyDb db, CancellationToken ct)
    {
        var (query, errors) = LeadListQuery.Parse(r.Status, r.Source, r.From, r.To, r.AssignedTo, r.Archived, r.Sort, r.After, r.Limit);
        if (!StudioSlug.IsValid(r.Slug))
        {
            errors["slug"] = [StudioSlug.Rule];
        }
        if (query is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (await StudioProblemAsync(r.Slug, db, ct) is { } problem)
        {
            return problem;
        }
        return TypedResults.Ok(await LeadQueries.PageAsync(db, db.Claims.StudioId!.Value, query, ct));
    }

    public static async Task<Results<Ok<LeadDetail>, ProblemHttpResult>> GetLead(string slug, Guid id, TallyDb db, HttpContext http, CancellationToken ct)
    {
        if (await StudioProblemAsync(slug, db, ct) is { } problem)
        {
            return problem;
        }
        if (await LeadQueries.FindAsync(db, id, ct) is not { } lead)
        {
            return LeadNotFound();
        }
        http.Response.Headers.ETag = lead.ETag;
        return TypedResults.Ok(lead);
    }

    public static async Task<Results<Created<LeadDetail>, ValidationProblem, ProblemHttpResult>> CreateLead(
        string slug, LeadInput body, TallyDb db, HttpContext http, CancellationToken ct)
    {
        var input = body.Normalized();
        var errors = input.Validate();
        await CheckAssigneeAsync(db, input.AssignedTo, errors, ct);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (await StudioProblemAsync(slug, db, ct) is { } problem)
        {
            return problem;
        }
        var id = await LeadQueries.CreateAsync(db, input, ct);
        var lead = (await LeadQueries.FindAsync(db, id, ct))!;
        http.Response.Headers.ETag = lead.ETag;
        return TypedResults.Created($"/api/v1/studios/{slug}/leads/{id}", lead);
    }

    public static Task<Results<Ok<LeadDetail>, ValidationProblem, ProblemHttpResult>> ReplaceLead(
        string slug, Guid id, LeadInput body, TallyDb db, HttpContext http, CancellationToken ct) =>
        WriteAsync(slug, id, db, http, _ => (body, null), ct);

    public static Task<Results<Ok<LeadDetail>, ValidationProblem, ProblemHttpResult>> PatchLead(
        string slug, Guid id, JsonElement body, TallyDb db, HttpContext http, CancellationToken ct) =>
        WriteAsync(slug, id, db, http, current => Merge(current, body), ct);

    public static async Task<Results<NoContent, ProblemHttpResult>> ArchiveLead(string slug, Guid id, TallyDb db, HttpContext http, CancellationToken ct) =>
        await SetArchivedAsync(slug, id, archived: true, db, http, ct);

    public static async Task<Results<NoContent, ProblemHttpResult>> RestoreLead(string slug, Guid id, TallyDb db, HttpContext http, CancellationToken ct) =>
        await SetArchivedAsync(slug, id, archived: false, db, http, ct);

    public static async Task<Results<Ok<ConversionResult>, ValidationProblem, ProblemHttpResult>> ConvertLead(
        string slug, Guid id, ConversionInput? body, TallyDb db, HttpContext http, CancellationToken ct)
    {
        var input = body ?? new ConversionInput();
        if (input.Session is { } session)
        {
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (session.StartsAt is null || session.EndsAt is null)
            {
                errors["session.startsAt"] = ["A session needs a start and an end."];
            }
            if (session.Type is { Length: > 0 } type && !LeadCodes.Has(LeadCodes.EventTypes, type))
            {
                errors["session.type"] = [$"type must be one of: {string.Join(", ", LeadCodes.EventTypes)}."];
            }
            if (session.Title is { Length: > 200 })
            {
                errors["session.title"] = ["The title is at most 200 characters."];
            }
            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors);
            }
        }
        if (await StudioProblemAsync(slug, db, ct) is { } problem)
        {
            return problem;
        }
        var version = LeadVersion.FromIfMatch(http.Request.Headers.IfMatch);
        var (outcome, result, message) = await LeadConversion.ConvertAsync(db, id, input, version, ct);
        return outcome switch
        {
            ConversionOutcome.Converted => TypedResults.Ok(result!),
            ConversionOutcome.NotFound => LeadNotFound(),
            ConversionOutcome.Stale => Stale(),
            ConversionOutcome.Rejected => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["session"] = [message!] }),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The lead cannot be converted", detail: message),
        };
    }

    public static async Task<Results<Ok<IReadOnlyList<LeadInteraction>>, ProblemHttpResult>> ListInteractions(string slug, Guid id, TallyDb db, CancellationToken ct)
    {
        if (await StudioProblemAsync(slug, db, ct) is { } problem)
        {
            return problem;
        }
        if (!await LeadQueries.ExistsAsync(db, id, ct))
        {
            return LeadNotFound();
        }
        return TypedResults.Ok(await LeadInteractionQueries.ListAsync(db, id, ct));
    }

    public static async Task<Results<Created<LeadInteraction>, ValidationProblem, ProblemHttpResult>> AddInteraction(
        string slug, Guid id, InteractionInput body, TallyDb db, CancellationToken ct)
    {
        var input = body.Normalized();
        var errors = input.Validate();
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        if (await StudioProblemAsync(slug, db, ct) is { } problem)
        {
            return problem;
        }
        if (!await LeadQueries.ExistsAsync(db, id, ct))
        {
            return LeadNotFound();
        }
        var interaction = await LeadInteractionQueries.AddAsync(db, id, input, ct);
        return TypedResults.Created($"/api/v1/studios/{slug}/leads/{id}/interactions", interaction);
    }

    private static async Task<Results<Ok<LeadDetail>, ValidationProblem, ProblemHttpResult>> WriteAsync(
        string slug, Guid id, TallyDb db, HttpContext http, Func<LeadInput, (LeadInput? Input, Dictionary<string, string[]>? Errors)> build, CancellationToken ct)
    {
        if (await StudioProblemAsync(slug, db, ct) is { } problem)
        {
            return problem;
        }
        var version = LeadVersion.FromIfMatch(http.Request.Headers.IfMatch);
        if (version is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "If-Match required",
                detail: "Send the lead's ETag (from GET) in If-Match, so that a change by someone else is not overwritten.");
        }
        if (await LeadQueries.FindAsync(db, id, ct) is not { } current)
        {
            return LeadNotFound();
        }
        if (version != current.Version)
        {
            return Stale();
        }
        var (built, parseErrors) = build(InputOf(current));
        if (built is null)
        {
            return TypedResults.ValidationProblem(parseErrors!);
        }
        var input = built.Normalized();
        var errors = input.Validate();
        if (input.AssignedTo != current.AssignedTo)
        {
            if (!db.Claims.IsAdmin)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Only owners and admins assign leads.");
            }
            await CheckAssigneeAsync(db, input.AssignedTo, errors, ct);
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var outcome = await LeadQueries.UpdateAsync(db, id, version, input, ct);
        if (outcome != LeadWrite.Done)
        {
            return outcome == LeadWrite.Stale ? Stale() : LeadNotFound();
        }
        var lead = (await LeadQueries.FindAsync(db, id, ct))!;
        http.Response.Headers.ETag = lead.ETag;
        return TypedResults.Ok(lead);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> SetArchivedAsync(string slug, Guid id, bool archived, TallyDb db, HttpContext http, CancellationToken ct)
    {
        if (await StudioProblemAsync(slug, db, ct) is { } problem)
        {
            return problem;
        }
        var version = LeadVersion.FromIfMatch(http.Request.Headers.IfMatch);
        return await LeadQueries.SetArchivedAsync(db, id, archived, version, ct) switch
        {
            LeadWrite.Done => TypedResults.NoContent(),
            LeadWrite.Stale => Stale(),
            _ => LeadNotFound(),
        };
    }

    /// <summary>The lead's written fields, as PUT would send them.</summary>
    internal static LeadInput InputOf(LeadDetail l) => new()
    {
        FirstName = l.FirstName,
        LastName = l.LastName,
        PartnerName = l.PartnerName,
        Email = l.Email,
        Phone = l.Phone,
        EventType = l.EventType,
        EventDate = l.EventDate,
        Venue = l.Venue,
        GuestCount = l.GuestCount,
        Budget = l.Budget,
        Currency = l.Currency,
        Source = l.Source,
        Message = l.Message,
        AssignedTo = l.AssignedTo,
    };

    /// <summary>RFC 7396 over the lead's fields: present properties replace, null empties, the rest stays.</summary>
    private static (LeadInput?, Dictionary<string, string[]>?) Merge(LeadInput current, JsonElement patch)
    {
        if (patch.ValueKind != JsonValueKind.Object)
        {
            return (null, new() { [""] = ["The body must be a JSON object of the fields to change."] });
        }
        var merged = JsonSerializer.SerializeToNode(current, JsonSerializerOptions.Web)!.AsObject();
        var known = merged.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var property in patch.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                errors[property.Name] = ["There is no such field of a lead."];
                continue;
            }
            merged[property.Name] = JsonNode.Parse(property.Value.GetRawText());
            try
            {
                merged[property.Name].Deserialize(typeof(LeadInput).GetProperty(property.Name, System.Reflection.BindingFlags.IgnoreCase | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance)!.PropertyType, JsonSerializerOptions.Web);
            }
            catch (JsonException)
            {
                errors[property.Name] = ["The value is not of this field's type."];
            }
        }
        return errors.Count > 0 ? (null, errors) : (merged.Deserialize<LeadInput>(JsonSerializerOptions.Web), null);
    }

    private static async Task CheckAssigneeAsync(TallyDb db, Guid? assignedTo, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (assignedTo is { } member && !await LeadQueries.IsTeammateAsync(db, member, ct))
        {
            errors["assignedTo"] = ["assignedTo must be the id of an active owner, admin or staff member of the studio."];
        }
    }

    /// <summary>Another studio's slug (or one that does not exist) is simply not found: nothing about it leaks.</summary>
    private static async Task<ProblemHttpResult?> StudioProblemAsync(string slug, TallyDb db, CancellationToken ct)
    {
        // Row-level security shows a member only their own studio; the check here says the same.
        var studio = await StudioQueries.FindAsync(db, slug, ct);
        return studio is not null && studio.Id == db.Claims.StudioId
            ? null
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"There is no studio with the slug '{slug}'.");
    }

    private static ProblemHttpResult LeadNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: "There is no lead of yours with that id.");

    private static ProblemHttpResult Stale() =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The lead changed",
            detail: "Someone changed this lead after you read it. Read it again (GET) and apply your change to the new version.");
}

/// <summary>The query parameters of <see cref="LeadEndpoints.ListLeads"/>, as text: each is checked by <see cref="LeadListQuery.Parse"/>.</summary>
internal sealed record ListLeadsRequest(
    [FromRoute(Name = "slug")][property: Description("The studio's slug, such as aurora-studio.")] string Slug,
    [FromQuery(Name = "status")][property: Description("Only leads of this status: new, contacted, qualified, proposal_sent, won, lost or archived (follows the workflow stage; ADR 0010).")] string? Status,
    [FromQuery(Name = "source")][property: Description("Only leads from this source: instagram, google, referral, website, wedding_wire, the_knot, facebook or other.")] string? Source,
    [FromQuery(Name = "from")][property: Description("Only leads whose event date is on or after this day (yyyy-mm-dd).")] string? From,
    [FromQuery(Name = "to")][property: Description("Only leads whose event date is on or before this day (yyyy-mm-dd).")] string? To,
    [FromQuery(Name = "assignedTo")][property: Description("A teammate's id, or `unassigned`.")] string? AssignedTo,
    [FromQuery(Name = "archived")][property: Description("true: archived leads only; false (default): the working list.")] string? Archived,
    [FromQuery(Name = "sort")][property: Description("newest (default), oldest, event (event date, undated last) or name (last name, first name).")] string? Sort,
    [FromQuery(Name = "after")][property: Description("The `next` cursor of the previous page; omit for the first page.")] string? After,
    [FromQuery(Name = "limit")][property: Description("Leads per page, 1 to 200; 50 when omitted.")] string? Limit);
