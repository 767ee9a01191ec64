using Microsoft.AspNetCore.Routing;

namespace Tally.Web.Components;

internal static class ComponentEndpoints
{
    private static readonly HttpMethodMetadata GetAndHead = new([HttpMethods.Get, HttpMethods.Head]);

    /// <summary>
    /// The admin app has no form that posts (filters are GET forms), so its pages answer GET and HEAD
    /// only: a POST gets a plain 405 instead of reaching Blazor's form handling. Routing reads the
    /// last HttpMethodMetadata of an endpoint, so this one replaces Blazor's GET/POST.
    /// </summary>
    public static RazorComponentsEndpointConventionBuilder AcceptOnlyGet(this RazorComponentsEndpointConventionBuilder builder)
    {
        builder.Add(endpoint => endpoint.Metadata.Add(GetAndHead));
        return builder;
    }
}
