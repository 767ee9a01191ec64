using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Tally.Tests.Web;

public sealed class ErrorHandlingTests(TallyWebFactory app) : IClassFixture<TallyWebFactory>
{
    [Fact]
    public async Task UnknownApiRoute_Get_Returns404Problem()
    {
        var response = await app.CreateClient().GetAsync("/api/v1/nothing-here");

        await WebAssert.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ApiRoute_WrongMethod_Returns405Problem()
    {
        var response = await app.CreateClient().DeleteAsync("/api/v1/studios");

        await WebAssert.ProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task AnyResponse_Success_CarriesRequestIdHeader()
    {
        var response = await (await app.CreateSignedInClientAsync()).GetAsync("/api/v1/studios");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        WebAssert.RequestId(response);
    }

    [Fact]
    public async Task UnknownPage_BrowserAsksForHtml_Returns404HtmlPage()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no-such-page");
        request.Headers.Accept.ParseAdd("text/html");

        var response = await app.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Page not found", html, StringComparison.Ordinal);
        Assert.Contains(WebAssert.RequestId(response), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeadsPage_Post_Returns405()
    {
        using var content = new FormUrlEncodedContent([new("status", "new")]);

        var response = await app.CreateClient().PostAsync("/leads", content);

        await WebAssert.ProblemAsync(response, HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Root_Get_RedirectsToLeads()
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Stylesheet_Get_ServedAsCss()
    {
        var response = await app.CreateClient().GetAsync("/css/app.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(":focus-visible", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
