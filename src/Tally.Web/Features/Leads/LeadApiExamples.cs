using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;

namespace Tally.Web.Features.Leads;

/// <summary>Examples of request and response bodies in the OpenAPI document, for integrators.</summary>
internal static class LeadApiExamples
{
    public const string Lead = """
        {"firstName":"Ines","lastName":"Moreau","partnerName":"Hugo Laurent","email":"ines.moreau@example.com","phone":"+33 6 12 34 56 78",
         "eventType":"wedding","eventDate":"2027-06-12","venue":"Château de Lourmarin","guestCount":120,"budget":6500.00,"currency":"EUR",
         "source":"instagram","message":"We would love an engagement shoot too.","assignedTo":null}
        """;

    public const string Patch = """{"venue":"Domaine de Fontenille","guestCount":90}""";

    public const string Detail = """
        {"id":"01967a1e-8c1f-7d3a-9b2e-4f5a6b7c8d9e","firstName":"Ines","lastName":"Moreau","partnerName":"Hugo Laurent",
         "email":"ines.moreau@example.com","phone":"+33 6 12 34 56 78","eventType":"wedding","eventDate":"2027-06-12",
         "venue":"Château de Lourmarin","guestCount":120,"budget":6500.00,"currency":"EUR","source":"instagram",
         "message":"We would love an engagement shoot too.","status":"new","workflowStage":"inquiry","lostReason":null,
         "assignedTo":null,"assignedToName":null,"convertedClientId":null,"archivedAt":null,
         "createdAt":"2026-11-25T10:15:00Z","updatedAt":"2026-11-25T10:15:00Z","version":"48213","eTag":"\"48213\""}
        """;

    public const string Page = """
        {"items":[{"id":"01967a1e-8c1f-7d3a-9b2e-4f5a6b7c8d9e","firstName":"Ines","lastName":"Moreau","email":"ines.moreau@example.com",
         "phone":"+33 6 12 34 56 78","eventType":"wedding","eventDate":"2027-06-12","budget":6500.00,"currency":"EUR","source":"instagram",
         "status":"new","workflowStage":"inquiry","assignedTo":null,"assignedToName":null,"archivedAt":null,"createdAt":"2026-11-25T10:15:00Z"}],
         "next":"WyJuZXdlc3QiLCI2Mzg5OTY2NzcwMDAwMDAwMDAiLCIwMTk2N2ExZS04YzFmLTdkM2EtOWIyZS00ZjVhNmI3YzhkOWUiXQ","limit":1,"sort":"newest"}
        """;

    public const string Conversion = """
        {"session":{"type":"wedding","title":"Ines & Hugo · Wedding","startsAt":"2027-06-12T14:00:00+02:00","endsAt":"2027-06-12T23:00:00+02:00"}}
        """;

    public const string Converted = """
        {"leadId":"01967a1e-8c1f-7d3a-9b2e-4f5a6b7c8d9e","clientId":"01967a20-1b2c-7d3e-8f40-5a6b7c8d9e0f","linkedExistingClient":false,
         "sessionId":"01967a20-1b2d-7a11-9c22-3d4e5f607182","status":"won","workflowStage":"booked"}
        """;

    public const string Interaction = """{"kind":"call","direction":"outbound","summary":"Talked through the wedding day timeline","body":"They want the first look at 14:00.","occurredAt":"2026-11-25T09:30:00Z"}""";

    /// <summary>Sets the example of the JSON request body and of the answer with <paramref name="status"/>.</summary>
    public static RouteHandlerBuilder WithExamples(this RouteHandlerBuilder builder, string? request, string status, string? response) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (request is not null && operation.RequestBody?.Content is { } content)
            {
                foreach (var media in content.Values)
                {
                    media.Example = JsonNode.Parse(request);
                }
            }
            if (response is not null && operation.Responses?.TryGetValue(status, out var answer) == true && answer.Content is { } body)
            {
                foreach (var media in body.Values)
                {
                    media.Example = JsonNode.Parse(response);
                }
            }
            return Task.CompletedTask;
        });
}
