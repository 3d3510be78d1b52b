using System.Collections.Concurrent;
using System.Globalization;
using System.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using QuiltMcp.Orleans.Testing.Hosting;

namespace QuiltMcp.Orleans.Testing.Aws.Sts;

/// <summary>
/// A local STS speaking the AWS Query protocol (form-encoded <c>Action=AssumeRole</c> in, XML
/// <c>AssumeRoleResponse</c> out), so the real AWSSDK.SecurityToken client is exercised. Each role gets its own
/// access key, secret and session token (<see cref="IssuedCredentials.For"/>). It records every call and every
/// issue, and can be told to fail (per role or for all), to be slow, or to hold every answer until the test releases
/// it. Failures are refusals (403) or STS failing (<see cref="FailureStatus"/> 5xx). Issued expirations follow a clock the test owns.
/// </summary>
public sealed class FakeSts : IAsyncDisposable
{
    public const string AccountId = "123456789012";
    private const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    private readonly ConcurrentQueue<StsCall> _calls = new();
    private readonly ConcurrentQueue<IssuedCredentials> _issued = new();
    private readonly ConcurrentDictionary<string, int> _issuesPerRole = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _failingRoles = new(StringComparer.Ordinal);

    private LoopbackEndpoint _endpoint = null!;

    public Uri Url => _endpoint.Url;

    /// <summary>The clock issued expirations are measured from (credential lifetime = DurationSeconds).</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    /// <summary>Every AssumeRole call answered with an error code (null: succeed).</summary>
    public string? FailAllWith { get; set; }

    /// <summary>
    /// The HTTP status of those error answers: 403 (a refusal such as AccessDenied, which the SDK does not retry) by
    /// default, or a 5xx (STS failing, which the SDK retries within its attempts).
    /// </summary>
    public int FailureStatus { get; set; } = 403;

    /// <summary>How long each call takes before answering.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>While set, every call (already recorded) waits for this task before answering: what callers do meanwhile is then certain.</summary>
    public Task? Hold { get; set; }
    /// <summary>
    /// Awaited with each issue before its answer is sent: a service that must honour the keys (s3rver) learns them
    /// before the caller can sign anything with them, as AWS services know keys the moment STS hands them out.
    /// </summary>
    public Func<IssuedCredentials, Task>? OnIssuing { get; set; }

    public IReadOnlyList<StsCall> Calls => _calls.ToArray();

    /// <summary>Every set of credentials handed out, in the order the answers were written.</summary>
    public IReadOnlyList<IssuedCredentials> Issued => _issued.ToArray();

    public IReadOnlyList<StsCall> CallsFor(string roleArn) => _calls.Where(call => call.RoleArn == roleArn).ToArray();

    public IReadOnlyList<IssuedCredentials> IssuedFor(string roleArn) => _issued.Where(issue => issue.RoleArn == roleArn).ToArray();

    public void FailRole(string roleArn, string errorCode) => _failingRoles[roleArn] = errorCode;

    public void Recover(string roleArn) => _failingRoles.TryRemove(roleArn, out _);

    public static string RoleArn(string roleName) => $"arn:aws:iam::{AccountId}:role/{roleName}";

    public static async Task<FakeSts> StartAsync()
    {
        var sts = new FakeSts();
        sts._endpoint = await LoopbackEndpoint.StartAsync(app => app.MapPost("/", sts.HandleAsync));
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
            var status = FailureStatus;
            await WriteErrorAsync(context, status, failure, status >= 500
                ? "The service is unavailable. Please try again later."
                : $"User is not authorized to perform: sts:AssumeRole on resource: {call.RoleArn}");
            return;
        }

        var issued = IssuedCredentials.For(call.RoleArn, _issuesPerRole.AddOrUpdate(call.RoleArn, 1, (_, issues) => issues + 1));
        if (OnIssuing is { } onIssuing)
        {
            await onIssuing(issued);
        }

        _issued.Enqueue(issued);
        var expiration = Clock() + TimeSpan.FromSeconds(call.DurationSeconds);
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync($"""
            <AssumeRoleResponse xmlns="{Namespace}">
              <AssumeRoleResult>
                <SourceIdentity>{Escape(call.SourceIdentity)}</SourceIdentity>
                <AssumedRoleUser>
                  <Arn>{Escape(AssumedRoleArn(call))}</Arn>
                  <AssumedRoleId>AROAFAKE{issued.AccessKeyId[^12..]}:{Escape(call.RoleSessionName)}</AssumedRoleId>
                </AssumedRoleUser>
                <Credentials>
                  <AccessKeyId>{issued.AccessKeyId}</AccessKeyId>
                  <SecretAccessKey>{issued.SecretAccessKey}</SecretAccessKey>
                  <SessionToken>{issued.SessionToken}</SessionToken>
                  <Expiration>{expiration.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}</Expiration>
                </Credentials>
                <PackedPolicySize>6</PackedPolicySize>
              </AssumeRoleResult>
              <ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata>
            </AssumeRoleResponse>
            """);
    }

    /// <summary>As STS names the session: the role's account and name (without its path), then the session name.</summary>
    private static string AssumedRoleArn(StsCall call)
    {
        var fields = call.RoleArn.Split(':', 6);
        var account = fields.Length == 6 ? fields[4] : AccountId;
        var roleName = call.RoleArn[(call.RoleArn.LastIndexOf('/') + 1)..];
        return $"arn:aws:sts::{account}:assumed-role/{roleName}/{call.RoleSessionName}";
    }

    private static async Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        await context.Response.WriteAsync($"""
            <ErrorResponse xmlns="{Namespace}">
              <Error><Type>{(status >= 500 ? "Receiver" : "Sender")}</Type><Code>{Escape(code)}</Code><Message>{Escape(message)}</Message></Error>
              <RequestId>{Guid.NewGuid()}</RequestId>
            </ErrorResponse>
            """);
    }

    private static string Escape(string value) => SecurityElement.Escape(value);

    public ValueTask DisposeAsync() => _endpoint.DisposeAsync();
}
