using Microsoft.Extensions.Logging;
using QuiltMcp.Orleans.Api.Tools;
using QuiltMcp.Orleans.Principals.Tests.Support;

namespace QuiltMcp.Orleans.Principals.Tests.Http;

/// <summary>An expected failure is logged once, at Information, without a stack trace; Error is for our bugs.</summary>
public sealed class ToolErrorLoggingTests(HttpServerFixture fixture) : IClassFixture<HttpServerFixture>
{
    [Fact]
    public async Task A_bad_uri_is_one_information_line_naming_the_tool_and_the_reason()
    {
        var reply = await McpCalls.CallAsync(fixture.Server.Http, "bucket_object_text", TestTokens.Issue("log-reader", "quilt:read", ["logged-bucket"]),
            arguments: """{"s3_uri":"https://logged-bucket/readme.txt"}""");

        Assert.True(reply.IsToolError, reply.Text);
        var logged = Assert.Single(fixture.Server.Logs.GetSnapshot(), log =>
            log.Category == ToolErrorFilter.LogCategory && log.Message.Contains("https://logged-bucket/readme.txt", StringComparison.Ordinal));
        Assert.Equal((LogLevel.Information, 1500), (logged.Level, logged.Id.Id));
        Assert.Null(logged.Exception);
        Assert.Equal($"Tool bucket_object_text answered an error (InvalidS3AddressException): {reply.Text}", logged.Message);
        Assert.DoesNotContain(fixture.Server.Logs.GetSnapshot(), log => log.Level >= LogLevel.Error);
    }
}
