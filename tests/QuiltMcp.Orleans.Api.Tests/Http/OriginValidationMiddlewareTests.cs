using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Http;
using QuiltMcp.Orleans.Api.Identity.Bearer;

namespace QuiltMcp.Orleans.Api.Tests.Http;

/// <summary>
/// The origin check on its own (in the server the Host check runs first): an Origin equal to the Host proves the
/// page came from this server only when the Host is one we serve.
/// </summary>
public sealed class OriginValidationMiddlewareTests
{
    [Theory]
    [InlineData("localhost:8000", "http://localhost:8000", StatusCodes.Status200OK)]
    [InlineData("evil.example.com", "http://evil.example.com", StatusCodes.Status403Forbidden)]
    [InlineData("evil.example.com:8000", "http://evil.example.com:8000", StatusCodes.Status403Forbidden)]
    [InlineData("localhost:8000", "http://evil.example.com", StatusCodes.Status403Forbidden)]
    [InlineData("evil.example.com", "https://catalog.example.com", StatusCodes.Status200OK)]
    [InlineData("localhost:8000", null, StatusCodes.Status200OK)]
    [InlineData("localhost:8000", "not a uri", StatusCodes.Status403Forbidden)]
    [InlineData("localhost:8000", "null", StatusCodes.Status403Forbidden)]
    [InlineData("localhost:8000", "https://localhost:8000", StatusCodes.Status403Forbidden)]
    [InlineData("localhost:8000", "http://catalog.example.com", StatusCodes.Status403Forbidden)]
    [InlineData("localhost:8000", "https://catalog.example.com:444", StatusCodes.Status403Forbidden)]
    [InlineData("localhost:8000", "HTTPS://CATALOG.example.com", StatusCodes.Status200OK)]
    public async Task Same_origin_counts_only_for_an_allowed_host(string host, string? origin, int expected)
    {
        var http = new HttpOptions { AllowedOrigins = ["https://catalog.example.com"] };
        var hosts = new HostAllowList(http, new ServerOptions(), new ProtectedResourceOptions(), isDevelopment: false);
        var reached = false;
        var middleware = new OriginValidationMiddleware(
            _ =>
            {
                reached = true;
                return Task.CompletedTask;
            },
            Options.Create(http),
            hosts,
            NullLogger<OriginValidationMiddleware>.Instance);
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString(host);
        context.Response.Body = new MemoryStream();
        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }

        await middleware.InvokeAsync(context);

        Assert.Equal(expected, context.Response.StatusCode);
        Assert.Equal(expected == StatusCodes.Status200OK, reached);
        if (expected == StatusCodes.Status403Forbidden)
        {
            context.Response.Body.Position = 0;
            var body = System.Text.Json.JsonDocument.Parse(context.Response.Body).RootElement;
            Assert.Equal("origin_not_allowed", body.GetProperty("error").GetString());
            Assert.Equal($"Origin {origin} may not call this MCP endpoint. If a web app of yours is served from it, add it to "
                + "Http:AllowedOrigins (environment variable Http__AllowedOrigins__0).", body.GetProperty("error_description").GetString());
        }
    }
}
