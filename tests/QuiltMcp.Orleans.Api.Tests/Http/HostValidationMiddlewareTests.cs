using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Http;
using QuiltMcp.Orleans.Api.Identity.Bearer;

namespace QuiltMcp.Orleans.Api.Tests.Http;

public sealed class HostValidationMiddlewareTests
{
    private readonly HostAllowList _hosts = new(new HttpOptions { AllowedHosts = ["mcp.example.com"] }, new ServerOptions { Address = "0.0.0.0" },
        new ProtectedResourceOptions(), isDevelopment: false);

    private int _passed;

    [Theory]
    [InlineData("mcp.example.com")]
    [InlineData("MCP.example.com:443")]
    public async Task An_allowed_host_passes_untouched(string host)
    {
        var context = await InvokeAsync(host);

        Assert.Equal(1, _passed);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal(0, context.Response.Body.Length);
    }

    [Fact]
    public async Task A_foreign_host_is_misdirected_with_a_body_naming_it_and_the_setting()
    {
        var context = await InvokeAsync("evil.example.com");

        Assert.Equal(0, _passed);
        Assert.Equal(StatusCodes.Status421MisdirectedRequest, context.Response.StatusCode);
        var body = Body(context);
        Assert.Equal("host_not_allowed", body.GetProperty("error").GetString());
        Assert.Equal("Host evil.example.com is not served here. If clients reach this server by that name, "
            + "add it to Http:AllowedHosts (environment variable Http__AllowedHosts__0).", body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task A_missing_host_is_named_as_none()
    {
        var context = await InvokeAsync(null);

        Assert.Equal(0, _passed);
        Assert.StartsWith("Host (none) is not served here.", Body(context).GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_host_is_quoted_shortened_to_a_hundred_characters()
    {
        var host = new string('a', 100) + ".evil.example.com";

        var context = await InvokeAsync(host);

        Assert.StartsWith($"Host {new string('a', 100)} is not served here.", Body(context).GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_of_exactly_a_hundred_characters_is_quoted_whole()
    {
        var host = new string('b', 96) + ".com";

        var context = await InvokeAsync(host);

        Assert.StartsWith($"Host {host} is not served here.", Body(context).GetProperty("error_description").GetString(), StringComparison.Ordinal);
    }

    private async Task<HttpContext> InvokeAsync(string? host)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        context.Request.Path = "/mcp";
        if (host is not null)
        {
            context.Request.Host = new HostString(host);
        }

        var middleware = new HostValidationMiddleware(_ =>
        {
            _passed++;
            return Task.CompletedTask;
        }, _hosts, NullLogger<HostValidationMiddleware>.Instance);
        await middleware.InvokeAsync(context);
        return context;
    }

    private static JsonElement Body(HttpContext context)
    {
        context.Response.Body.Position = 0;
        return JsonDocument.Parse(context.Response.Body).RootElement.Clone();
    }
}
