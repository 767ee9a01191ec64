using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Tally.Web.Features.Clients;

/// <summary>Request body examples for the OpenAPI document of clients and sessions.</summary>
internal static class ApiExamples
{
    public const string Client = """
        {"firstName": "Amélie", "lastName": "Laurent", "partnerName": "Hugo Martin", "email": "amelie.laurent@example.com",
         "phone": "+33 6 12 34 56 78", "addressLine1": "12 rue des Lilas", "city": "Lyon", "postalCode": "69003",
         "country": "FR", "notes": "Prefers golden-hour portraits."}
        """;

    public const string Session = """
        {"clientId": "0194f3b2-6c1e-7a3d-9b2f-3c4d5e6f7a8b", "sessionType": "engagement", "title": "Amélie & Hugo Engagement",
         "startsAt": "2026-06-13T18:30:00+02:00", "endsAt": "2026-06-13T20:30:00+02:00", "locationName": "Parc de la Tête d'Or",
         "address": "Place Général Leclerc, 69006 Lyon", "latitude": 45.777, "longitude": 4.855, "status": "booked",
         "packageName": "Engagement · 2 hours", "packagePrice": 650.00, "currency": "EUR", "allowOverlap": false}
        """;

    /// <summary>Sets the JSON request body's example of an operation.</summary>
    public static Func<OpenApiOperation, OpenApiOperationTransformerContext, CancellationToken, Task> Body(string example) =>
        (operation, _, _) =>
        {
            if (operation.RequestBody?.Content is { } content)
            {
                foreach (var media in content.Values)
                {
                    media.Example = JsonNode.Parse(example);
                }
            }
            return Task.CompletedTask;
        };
}
