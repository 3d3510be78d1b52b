using System.Collections.Concurrent;
using System.Globalization;
using System.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using QuiltMcp.Orleans.Tests.Shared;

namespace QuiltMcp.Orleans.Principals.Tests.Support;

/// <summary>
/// A local STS speaking the AWS Query protocol (form-encoded <c>Action=AssumeRole</c> in, XML
/// <c>AssumeRoleResponse</c> out), so the real AWSSDK.SecurityToken client is exercised. It records every call,
/// and can be told to fail (per role or for all), to be slow, or to hold every answer until the test releases it.
/// Issued expirations follow a clock the test owns.
/// </summary>
public sealed class FakeSts : IAsyncDisposable
{
    public const string AccountId = "123456789012";
    private const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<StsCall> _calls = new();
    private readonly ConcurrentDictionary<string, string> _failingRoles = new(StringComparer.Ordinal);
    private int _issued;

    private FakeSts(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>The clock issued expirations are measured from (credential lifetime = DurationSeconds).</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Every AssumeRole call answered with an error code (null: succeed).</summary>
    public string? FailAllWith { get; set; }

    /// <summary>How long each call takes before answering.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>While set, every call (already recorded) waits for this task before answering: what callers do meanwhile is then certain.</summary>
    public Task? Hold { get; set; }

    public IReadOnlyList<StsCall> Calls => _calls.ToArray();

    public IReadOnlyList<StsCall> CallsFor(string roleArn) => _calls.Where(call => call.RoleArn == roleArn).ToArray();

    public void FailRole(string roleArn, string errorCode) => _failingRoles[roleArn] = errorCode;

    public void Recover(string roleArn) => _failingRoles.TryRemove(roleArn, out _);

    public static string RoleArn(string roleName) => $"arn:aws:iam::{AccountId}:role/{roleName}";

    /// <summary>The secret key the fake issued for call number <paramref name="sequence"/> (to prove it never leaks).</summary>
    public static string SecretFor(int sequence) => $"fake-secret-{sequence:D6}-do-not-leak";

    public static async Task<FakeSts> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sts = new FakeSts(app, new Uri($"http://127.0.0.1:{port}/"));
        app.MapPost("/", sts.HandleAsync);
        await app.StartAsync();
        return sts;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        if (form["Action"] != "AssumeRole")
        {
            await WriteErrorAsync(context, 400, "InvalidAction", $"unsupported action {form["Action"]}");
            return;
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; form.ContainsKey($"Tags.member.{i}.Key"); i++)
        {
            tags[form[$"Tags.member.{i}.Key"]!] = form[$"Tags.member.{i}.Value"]!;
        }

        var call = new StsCall(
            form["RoleArn"].ToString(),
            form["RoleSessionName"].ToString(),
            form["SourceIdentity"].ToString(),
            int.Parse(form["DurationSeconds"].ToString() is { Length: > 0 } duration ? duration : "3600", CultureInfo.InvariantCulture),
            tags,
            context.Request.Headers.Authorization.ToString().StartsWith("AWS4-HMAC-SHA256", StringComparison.Ordinal));
        _calls.Enqueue(call);

        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay);
        }

        if (Hold is { } hold)
        {
            await hold;
        }

        var failure = FailAllWith ?? (_failingRoles.TryGetValue(call.RoleArn, out var code) ? code : null);
        if (failure is not null)
        {
            await WriteErrorAsync(context, 403, failure, $"User is not authorized to perform: sts:AssumeRole on resource: {call.RoleArn}");
            return;
        }

        var sequence = Interlocked.Increment(ref _issued);
        var expiration = Clock() + TimeSpan.FromSeconds(call.DurationSeconds);
        var roleName = call.RoleArn[(call.RoleArn.LastIndexOf('/') + 1)..];
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync($"""
            <AssumeRoleResponse xmlns="{Namespace}">
              <AssumeRoleResult>
                <SourceIdentity>{Escape(call.SourceIdentity)}</SourceIdentity>
                <AssumedRoleUser>
                  <Arn>arn:aws:sts::{AccountId}:assumed-role/{Escape(roleName)}/{Escape(call.RoleSessionName)}</Arn>
                  <AssumedRoleId>AROAFAKE{sequence:D6}:{Escape(call.RoleSessionName)}</AssumedRoleId>
                </AssumedRoleUser>
                <Credentials>
                  <AccessKeyId>ASIAFAKE{sequence:D12}</AccessKeyId>
                  <SecretAccessKey>{SecretFor(sequence)}</SecretAccessKey>
                  <SessionToken>fake-session-token-{sequence:D6}</SessionToken>
                  <Expiration>{expiration.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}</Expiration>
                </Credentials>
                <PackedPolicySize>6</PackedPolicySize>
              </AssumeRoleResult>
              <ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata>
            </AssumeRoleResponse>
            """);
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync($"""
            <ErrorResponse xmlns="{Namespace}">
              <Error><Type>Sender</Type><Code>{Escape(code)}</Code><Message>{Escape(message)}</Message></Error>
              <RequestId>{Guid.NewGuid()}</RequestId>
            </ErrorResponse>
            """);
    }

    private static string Escape(string value) => SecurityElement.Escape(value);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
