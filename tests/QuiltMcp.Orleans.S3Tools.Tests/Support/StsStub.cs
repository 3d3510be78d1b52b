using System.Collections.Concurrent;
using System.Globalization;
using System.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using QuiltMcp.Orleans.S3Tools.Tests.S3rver;
using QuiltMcp.Orleans.Tests.Shared;

namespace QuiltMcp.Orleans.S3Tools.Tests.Support;

/// <summary>
/// A minimal STS AssumeRole endpoint (AWS Query protocol in, XML out) for the real SDK client. It hands out the
/// only keys s3rver accepts and records which role each call assumed.
/// </summary>
public sealed class StsStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _assumedRoles = new();

    private StsStub(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public IReadOnlyList<string> AssumedRoles => _assumedRoles.ToArray();

    public static async Task<StsStub> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var stub = new StsStub(app, $"http://127.0.0.1:{port}/");
        app.MapPost("/", stub.AnswerAsync);
        await app.StartAsync();
        return stub;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var role = form["RoleArn"].ToString();
        _assumedRoles.Enqueue(role);
        var expires = DateTimeOffset.UtcNow.AddHours(1).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync($"""
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleResult>
                <AssumedRoleUser>
                  <Arn>{SecurityElement.Escape(role.Replace(":iam::", ":sts::", StringComparison.Ordinal).Replace(":role/", ":assumed-role/", StringComparison.Ordinal))}/{SecurityElement.Escape(form["RoleSessionName"].ToString())}</Arn>
                  <AssumedRoleId>AROASTUB:{SecurityElement.Escape(form["RoleSessionName"].ToString())}</AssumedRoleId>
                </AssumedRoleUser>
                <Credentials>
                  <AccessKeyId>{S3rverServer.AccessKey}</AccessKeyId>
                  <SecretAccessKey>{S3rverServer.SecretKey}</SecretAccessKey>
                  <SessionToken>stub-session-token</SessionToken>
                  <Expiration>{expires}</Expiration>
                </Credentials>
              </AssumeRoleResult>
              <ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata>
            </AssumeRoleResponse>
            """);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
