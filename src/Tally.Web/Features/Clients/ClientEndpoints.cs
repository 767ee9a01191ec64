using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tally.Web.Infrastructure.Identity;
using Tally.Web.Infrastructure.Records;

namespace Tally.Web.Features.Clients;

/// <summary>/api/v1/studios/{slug}/clients: list, read, create, update (If-Match), delete.</summary>
internal static class ClientEndpoints
{
    public static RouteGroupBuilder MapClients(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/studios/{slug}/clients").WithTags("Clients");
        group.MapGet("/", ListClients)
            .WithName(nameof(ListClients))
            .WithSummary("List a studio's clients")
            .WithDescription("A page of the studio's clients, newest first (created_at, then id: a stable order). `q` keeps those whose first name, last name, \"first last\" or email starts with it, whatever the case and accents. Pass the page's `next` as `after` for the following page; `next` is null on the last one.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}", GetClient)
            .WithName(nameof(GetClient))
            .WithSummary("Read a client")
            .WithDescription("The client with every field. The ETag header (also `version`) is what an update sends back in If-Match.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateClient)
            .RequireAuthorization(TallyAuthentication.Admins)
            .WithName(nameof(CreateClient))
            .WithSummary("Create a client")
            .WithDescription("Owners and admins. 400 names each invalid field; 409 when another client of the studio has the email, whatever its case.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .AddOpenApiOperationTransformer(ApiExamples.Body(ApiExamples.Client));
        group.MapPut("/{id:guid}", UpdateClient)
            .RequireAuthorization(TallyAuthentication.Admins)
            .WithName(nameof(UpdateClient))
            .WithSummary("Replace a client's fields")
            .WithDescription("Owners and admins. Every field is replaced (omitted ones become empty). If-Match with the ETag of the client as read is required: 428 without it, 412 when the client changed since. 409 when the new email is another client's.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .AddOpenApiOperationTransformer(ApiExamples.Body(ApiExamples.Client));
        group.MapDelete("/{id:guid}", DeleteClient)
            .RequireAuthorization(TallyAuthentication.Admins)
            .WithName(nameof(DeleteClient))
            .WithSummary("Delete a client")
            .WithDescription("Owners and admins. Only a client nothing refers to: 409 when they have sessions (or quotes, contracts, payments, galleries). If-Match is optional; when sent, 412 if the client changed since.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return group;
    }

    public static async Task<Results<Ok<ClientPage>, ValidationProblem, ProblemHttpResult>> ListClients(
        [AsParameters] ListClientsRequest request, TallyDb db, CancellationToken ct)
    {
        var (query, errors) = ClientListQuery.Parse(request.Q, request.After, request.Limit);
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var (studio, notFound) = await StudioScope.ResolveAsync(db, request.Slug, ct);
        if (studio is null)
        {
            return notFound!;
        }
        return TypedResults.Ok(await ClientQueries.PageAsync(db, studio.Id, query, ct));
    }

    public static async Task<Results<Ok<Client>, ProblemHttpResult>> GetClient(
        [Description("The studio's slug.")] string slug, Guid id, TallyDb db, HttpContext http, CancellationToken ct)
    {
        var (studio, notFound) = await StudioScope.ResolveAsync(db, slug, ct);
        if (studio is null)
        {
            return notFound!;
        }
        if (await ClientQueries.FindAsync(db, studio.Id, id, ct) is not { } client)
        {
            return StudioScope.NotFound("client");
        }
        RecordVersion.SetETag(http, client.Version);
        return TypedResults.Ok(client);
    }

    public static async Task<Results<Created<Client>, ValidationProblem, ProblemHttpResult>> CreateClient(
        string slug, ClientInput body, TallyDb db, HttpContext http, CancellationToken ct)
    {
        var (values, errors) = ClientRules.Check(body);
        if (values is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var (studio, notFound) = await StudioScope.ResolveAsync(db, slug, ct);
        if (studio is null)
        {
            return notFound!;
        }
        if (await ClientQueries.CreateAsync(db, studio.Id, values, ct) is not { } client)
        {
            return EmailConflict(values.Email);
        }
        RecordVersion.SetETag(http, client.Version);
        return TypedResults.Created($"/api/v1/studios/{studio.Slug}/clients/{client.Id}", client);
    }

    public static async Task<Results<Ok<Client>, ValidationProblem, ProblemHttpResult>> UpdateClient(
        string slug, Guid id, ClientInput body, TallyDb db, HttpContext http, CancellationToken ct)
    {
        var (values, errors) = ClientRules.Check(body);
        if (values is null)
        {
            return TypedResults.ValidationProblem(errors);
        }
        var precondition = RecordVersion.IfMatch(http.Request);
        if (precondition.Missing)
        {
            return StudioScope.PreconditionRequired();
        }
        var (studio, notFound) = await StudioScope.ResolveAsync(db, slug, ct);
        if (studio is null)
        {
            return notFound!;
        }
        if (await ClientQueries.EmailTakenAsync(db, studio.Id, values.Email, id, ct))
        {
            // Before the update: its unique violation would abort the request's transaction.
            return await ClientQueries.FindAsync(db, studio.Id, id, ct) is null ? StudioScope.NotFound("client") : EmailConflict(values.Email);
        }
        if (await ClientQueries.UpdateAsync(db, studio.Id, id, precondition, values, ct) is { } client)
        {
            RecordVersion.SetETag(http, client.Version);
            return TypedResults.Ok(client);
        }
        return await ClientQueries.FindAsync(db, studio.Id, id, ct) is { } current
            ? StudioScope.PreconditionFailed(current.Version)
            : StudioScope.NotFound("client");
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteClient(string slug, Guid id, TallyDb db, HttpContext http, CancellationToken ct)
    {
        var (studio, notFound) = await StudioScope.ResolveAsync(db, slug, ct);
        if (studio is null)
        {
            return notFound!;
        }
        if (await ClientQueries.FindAsync(db, studio.Id, id, ct) is not { } client)
        {
            return StudioScope.NotFound("client");
        }
        var precondition = RecordVersion.IfMatch(http.Request);
        if (!precondition.Missing && !precondition.Matches(client.Version))
        {
            return StudioScope.PreconditionFailed(client.Version);
        }
        if (await ClientQueries.SessionCountAsync(db, studio.Id, id, ct) is var sessions and > 0)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Client has sessions",
                detail: $"The client has {sessions} session(s); cancel or keep them, a client with sessions is not deleted.");
        }
        return await ClientQueries.DeleteAsync(db, studio.Id, id, precondition, ct)
            ? TypedResults.NoContent()
            : StudioScope.PreconditionFailed(null);
    }

    internal static ProblemHttpResult EmailConflict(string email) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Email already used",
            detail: $"Another client of the studio has the email {email} (emails are compared without case).",
            extensions: new Dictionary<string, object?> { ["field"] = "email" });
}

/// <summary>The route and query parameters of <see cref="ClientEndpoints.ListClients"/>.</summary>
internal sealed record ListClientsRequest(
    [FromRoute(Name = "slug")][property: Description("The studio's slug, such as aurora-studio.")] string Slug,
    [FromQuery(Name = "q")][property: Description("Start of a first name, last name, \"first last\" or email; case and accents are ignored.")] string? Q,
    [FromQuery(Name = "after")][property: Description("The `next` cursor of the previous page.")] string? After,
    [FromQuery(Name = "limit")][property: Description("Clients per page, 1 to 200; 50 when omitted.")] int? Limit);
