using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Tally.Web.Infrastructure;

/// <summary>
/// Declares in the OpenAPI document how to call the API: a personal access token as a bearer token
/// (integrators), or the signed-in cookie (the app's own pages), and marks every operation that
/// requires authorization with them, so client generators and the reference send the token.
/// </summary>
internal static class ApiSecurity
{
    public const string BearerScheme = "bearer";
    public const string CookieScheme = "cookie";

    public static OpenApiOptions AddTallySecurity(this OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "tly_<secret>",
                Description = "A personal access token: make one on the settings page (/settings/tokens) or with `./tally token create --studio SLUG --email EMAIL`. It acts for its team member, with its role, in its studio.",
            };
            document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = "tally",
                Description = "The session cookie set by signing in to the admin app.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
            {
                // Two requirements are alternatives: either scheme is enough.
                operation.Security =
                [
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] },
                    new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, context.Document)] = [] },
                ];
                operation.Responses ??= new OpenApiResponses();
                operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No valid token or session: a problem details body, and WWW-Authenticate." });
                operation.Responses.TryAdd("403", new OpenApiResponse { Description = "Signed in, but the role may not do this." });
            }
            return Task.CompletedTask;
        });
        return options;
    }
}
