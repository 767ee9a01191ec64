using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;

namespace Tally.Web.Components;

internal static class ComponentEndpoints
{
    private static readonly HttpMethodMetadata GetAndHead = new([HttpMethods.Get, HttpMethods.Head]);

    /// <summary>
    /// Pages answer GET and HEAD only, unless they handle a form post (a property with
    /// [SupplyParameterFromForm]: sign-in, password reset, invitations, team). Any other page
    /// gets a plain 405 for a POST instead of reaching Blazor's form handling. Routing reads the last
    /// HttpMethodMetadata of an endpoint, so this one replaces Blazor's GET/POST.
    /// </summary>
    public static RazorComponentsEndpointConventionBuilder AcceptPostOnlyForForms(this RazorComponentsEndpointConventionBuilder builder)
    {
        builder.Add(endpoint =>
        {
            var page = endpoint.Metadata.OfType<ComponentTypeMetadata>().LastOrDefault()?.Type;
            if (page is null || !HandlesForms(page))
            {
                endpoint.Metadata.Add(GetAndHead);
            }
        });
        return builder;
    }

    private static bool HandlesForms(Type page) =>
        page.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Any(p => p.IsDefined(typeof(SupplyParameterFromFormAttribute), inherit: true));
}
