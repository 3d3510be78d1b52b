using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using QuiltMcp.Orleans.Api.Authorization;
using QuiltMcp.Orleans.Api.Context;
using QuiltMcp.Orleans.Api.Roles;
using QuiltMcp.Orleans.Api.Telemetry;
using QuiltMcp.Orleans.Api.Tests.Support;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Api.Tests.Roles;

/// <summary>
/// The role header on its way through the pipeline: a refused header ends the request before the MCP handler with
/// the status and body the selector decided (a bearer challenge for a caller without a token), every header decision
/// is logged and counted, and an accepted role lands in the request's runtime metadata, nowhere else.
/// </summary>
public sealed class RoleSelectionMiddlewareTests : IDisposable
{
    private const string Account = "123456789012";
    private const string Header = "X-Quilt-User-Role";
    private static readonly string Reader = $"arn:aws:iam::{Account}:role/Reader";

    private readonly FakeLogCollector _logs = new();
    private readonly ServiceProvider _services;
    private readonly MeterListener _listener = new();
    private readonly List<string> _decisions = [];

    public RoleSelectionMiddlewareTests()
    {
        _services = new ServiceCollection()
            .AddLogging()
            .AddMetrics()
            .AddSingleton<QuiltMcpMetrics>()
            .AddAuthentication("test").AddScheme<AuthenticationSchemeOptions, ChallengingHandler>("test", null).Services
            .BuildServiceProvider();
        var meters = _services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == meters && instrument.Name == "quilt_mcp.auth.decisions")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var tagged = tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value as string);
            lock (_decisions)
            {
                _decisions.Add($"{tagged["kind"]}:{tagged["decision"]}x{value}");
            }
        });
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    [Fact]
    public async Task A_granted_header_role_is_recorded_in_the_request_metadata_logged_and_counted()
    {
        using var scope = Push(roles: ["Reader"]);
        var (context, reached) = await InvokeAsync(Reader);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        var seen = Assert.Single(reached);
        Assert.Equal(Reader, seen[RuntimeMetadataKeys.RoleArn]);
        Assert.Equal(RoleSources.Header, seen[RuntimeMetadataKeys.RoleSource]);
        var log = Assert.Single(_logs.GetSnapshot());
        Assert.Equal((AuthDecisionLog.Category, 2002), (log.Category, log.Id.Id));
        Assert.Equal($"Auth decision: allowed role {Reader} from header for sam (web-jwt): granted", log.Message);
        Assert.Equal(["role:allowedx1"], _decisions);
    }

    [Fact]
    public async Task Without_a_header_the_tokens_role_is_recorded_and_no_decision_is_logged()
    {
        using var scope = Push(roles: ["Reader"]);
        var (_, reached) = await InvokeAsync(header: null);

        var seen = Assert.Single(reached);
        Assert.Equal(Reader, seen[RuntimeMetadataKeys.RoleArn]);
        Assert.Equal(RoleSources.RolesClaim, seen[RuntimeMetadataKeys.RoleSource]);
        Assert.Empty(_logs.GetSnapshot());
        Assert.Empty(_decisions);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_blank_header_counts_as_no_header(string blank)
    {
        using var scope = Push(roles: ["Reader"]);
        var (_, reached) = await InvokeAsync(blank);

        Assert.Equal(RoleSources.RolesClaim, Assert.Single(reached)[RuntimeMetadataKeys.RoleSource]);
        Assert.Empty(_logs.GetSnapshot());
        Assert.Empty(_decisions);
    }

    [Fact]
    public async Task A_request_without_any_role_passes_with_no_role_metadata()
    {
        using var scope = Push(roles: []);
        var (context, reached) = await InvokeAsync(header: null);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        var seen = Assert.Single(reached);
        Assert.False(seen.ContainsKey(RuntimeMetadataKeys.RoleArn));
        Assert.False(seen.ContainsKey(RuntimeMetadataKeys.RoleSource));
    }

    [Fact]
    public async Task A_role_the_token_does_not_grant_gets_403_with_the_reason_and_stops_the_request()
    {
        using var scope = Push(roles: ["Reader"]);
        var (context, reached) = await InvokeAsync(" Admin ");

        Assert.Empty(reached);
        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        using var body = JsonDocument.Parse(Body(context));
        Assert.Equal(["error", "error_description"], body.RootElement.EnumerateObject().Select(property => property.Name));
        Assert.Equal("role_refused", body.RootElement.GetProperty("error").GetString());
        Assert.Equal($"role 'arn:aws:iam::{Account}:role/Admin' is not granted by the caller's token and not allow-listed (Roles:AllowedHeaderRoles)",
            body.RootElement.GetProperty("error_description").GetString());
        Assert.StartsWith("application/json", context.Response.ContentType);
        Assert.Equal($"Auth decision: denied role Admin from header for sam (web-jwt): role 'arn:aws:iam::{Account}:role/Admin' is not granted by the caller's token "
            + "and not allow-listed (Roles:AllowedHeaderRoles)", Assert.Single(_logs.GetSnapshot().Select(log => log.Message)));
        Assert.Equal(["role:deniedx1"], _decisions);
        Assert.False(RuntimeContext.Current.Metadata.ContainsKey(RuntimeMetadataKeys.RoleArn));
    }

    [Fact]
    public async Task Two_role_headers_are_read_as_one_value_and_neither_role_is_taken()
    {
        using var scope = Push(roles: ["Reader", "Writer"]);
        var context = NewContext();
        context.Request.Headers[Header] = new StringValues(["Reader", "Writer"]);
        var reached = new List<ImmutableDictionary<string, string>>();

        await Middleware(reached).InvokeAsync(context);

        Assert.Empty(reached);
        // IAM role names may contain commas, so the joined value is a role name of its own, and not a granted one.
        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        using var body = JsonDocument.Parse(Body(context));
        Assert.Equal($"role 'arn:aws:iam::{Account}:role/Reader,Writer' is not granted by the caller's token and not allow-listed (Roles:AllowedHeaderRoles)",
            body.RootElement.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task A_header_without_a_token_is_answered_with_the_bearer_challenge()
    {
        using var scope = RuntimeContext.Push(RuntimeEnvironments.WebUnauthenticated);
        var (context, reached) = await InvokeAsync(Reader);

        Assert.Empty(reached);
        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
        Assert.Equal(ChallengingHandler.Challenge, context.Response.Headers.WWWAuthenticate.ToString());
        Assert.Equal("", Body(context));
        Assert.Equal($"Auth decision: denied role {Reader} from header for anonymous (web-unauthenticated): "
            + "the X-Quilt-User-Role header requires an authenticated caller", Assert.Single(_logs.GetSnapshot().Select(log => log.Message)));
        Assert.Equal(["role:deniedx1"], _decisions);
    }

    private static RuntimeContextScope Push(string[] roles) => RuntimeContext.Push(
        RuntimeEnvironments.WebJwt,
        new RuntimeAuthState("jwt", "token", ImmutableDictionary<string, object?>.Empty, ImmutableDictionary<string, string>.Empty),
        principal: new PrincipalReference("jwt|issuer|sam", null!, new PrincipalClaims { Subject = "sam", Roles = roles }));

    private async Task<(HttpContext Context, List<ImmutableDictionary<string, string>> Reached)> InvokeAsync(string? header)
    {
        var context = NewContext();
        if (header is not null)
        {
            context.Request.Headers[Header] = header;
        }

        var reached = new List<ImmutableDictionary<string, string>>();
        await Middleware(reached).InvokeAsync(context);
        return (context, reached);
    }

    private DefaultHttpContext NewContext() => new() { RequestServices = _services, Response = { Body = new MemoryStream() } };

    /// <summary>The middleware in front of a handler that notes the runtime metadata it was called with.</summary>
    private RoleSelectionMiddleware Middleware(List<ImmutableDictionary<string, string>> reached) => new(
        _ =>
        {
            reached.Add(RuntimeContext.Current.Metadata);
            return Task.CompletedTask;
        },
        new RoleSelector(new StaticOptionsMonitor<RoleOptions>(new RoleOptions { AccountId = Account })),
        _services.GetRequiredService<QuiltMcpMetrics>(),
        LoggerFactory.Create(logging => logging.AddProvider(new FakeLoggerProvider(_logs))));

    private static string Body(HttpContext context)
    {
        context.Response.Body.Position = 0;
        return new StreamReader(context.Response.Body).ReadToEnd();
    }

    /// <summary>Stands in for the bearer scheme: authenticates nobody, and its challenge is recognizable.</summary>
    private sealed class ChallengingHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Challenge = "Bearer resource_metadata=\"http://test/.well-known/oauth-protected-resource\"";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(AuthenticateResult.NoResult());

        protected override Task HandleChallengeAsync(AuthenticationProperties properties)
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Response.Headers.WWWAuthenticate = Challenge;
            return Task.CompletedTask;
        }
    }
}
