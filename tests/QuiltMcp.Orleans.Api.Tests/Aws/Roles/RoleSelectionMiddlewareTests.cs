using System.Diagnostics.Metrics;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using QuiltMcp.Orleans.Api.Access;
using QuiltMcp.Orleans.Api.Aws.Roles;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.Telemetry;
using QuiltMcp.Orleans.Api.Tests.Support;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Api.Tests.Aws.Roles;

/// <summary>
/// The role header on its way through the pipeline: a refused header ends the request before the MCP handler with
/// the status and body the selector decided (a bearer challenge for a caller without a token), every header decision
/// is logged and counted, and an accepted role completes the request's caller, nowhere else.
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
    public async Task A_granted_header_role_completes_the_caller_and_is_logged_and_counted()
    {
        SignIn(roles: ["Reader"]);
        var (context, reached) = await InvokeAsync(Reader);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        var seen = Assert.Single(reached);
        Assert.Equal(Reader, seen!.Role!.Arn);
        Assert.Equal(RoleSources.Header, seen!.Role!.Source);
        var log = Assert.Single(_logs.GetSnapshot());
        Assert.Equal((AuthDecisionLog.Category, 2002), (log.Category, log.Id.Id));
        Assert.Equal($"Auth decision: allowed role {Reader} from header for sam (web-jwt): granted", log.Message);
        Assert.Equal(["role:allowedx1"], _decisions);
    }

    [Fact]
    public async Task Without_a_header_the_tokens_role_completes_the_caller_and_no_decision_is_logged()
    {
        SignIn(roles: ["Reader"]);
        var (_, reached) = await InvokeAsync(header: null);

        var seen = Assert.Single(reached);
        Assert.Equal(Reader, seen!.Role!.Arn);
        Assert.Equal(RoleSources.RolesClaim, seen!.Role!.Source);
        Assert.Empty(_logs.GetSnapshot());
        Assert.Empty(_decisions);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_blank_header_counts_as_no_header(string blank)
    {
        SignIn(roles: ["Reader"]);
        var (_, reached) = await InvokeAsync(blank);

        Assert.Equal(RoleSources.RolesClaim, Assert.Single(reached)!.Role!.Source);
        Assert.Empty(_logs.GetSnapshot());
        Assert.Empty(_decisions);
    }

    [Fact]
    public async Task With_a_local_s3_roles_are_still_checked_but_none_is_given_to_the_request()
    {
        SignIn(roles: ["Reader"]);
        var localS3 = new DevelopmentOptions { LocalS3 = "http://127.0.0.1:4568" };

        var (granted, grantedReached) = await InvokeAsync(Reader, localS3);
        var (fromToken, tokenReached) = await InvokeAsync(header: null, localS3);
        var (refused, refusedReached) = await InvokeAsync("Admin", localS3);

        Assert.Equal(StatusCodes.Status200OK, granted.Response.StatusCode);
        Assert.Null(Assert.Single(grantedReached)!.Role);
        Assert.Equal(StatusCodes.Status200OK, fromToken.Response.StatusCode);
        Assert.Null(Assert.Single(tokenReached)!.Role);
        Assert.Equal(StatusCodes.Status403Forbidden, refused.Response.StatusCode);
        Assert.Empty(refusedReached);
        Assert.Equal(["role:allowedx1", "role:deniedx1"], _decisions);
    }

    [Fact]
    public async Task A_request_without_any_role_passes_with_a_caller_without_role()
    {
        SignIn(roles: []);
        var (context, reached) = await InvokeAsync(header: null);

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        var seen = Assert.Single(reached);
        Assert.NotNull(seen);
        Assert.Null(seen.Role);
    }

    [Fact]
    public async Task A_role_the_token_does_not_grant_gets_403_with_the_reason_and_stops_the_request()
    {
        SignIn(roles: ["Reader"]);
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
        Assert.Null(context.AuthenticatedCaller()!.Role);
    }

    [Fact]
    public async Task Two_role_headers_are_read_as_one_value_and_neither_role_is_taken()
    {
        SignIn(roles: ["Reader", "Writer"]);
        var context = NewContext();
        context.Request.Headers[Header] = new StringValues(["Reader", "Writer"]);
        var reached = new List<Caller?>();

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
        var (context, reached) = await InvokeAsync(Reader);

        Assert.Empty(reached);
        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
        Assert.Equal(ChallengingHandler.Challenge, context.Response.Headers.WWWAuthenticate.ToString());
        Assert.Equal("", Body(context));
        Assert.Equal($"Auth decision: denied role {Reader} from header for anonymous (web-unauthenticated): "
            + "the X-Quilt-User-Role header requires an authenticated caller", Assert.Single(_logs.GetSnapshot().Select(log => log.Message)));
        Assert.Equal(["role:deniedx1"], _decisions);
    }

    private CallerPrincipal? _user;

    /// <summary>The request carries a validated token for sam with these roles (as authentication leaves it).</summary>
    private void SignIn(string[] roles) =>
        _user = new CallerPrincipal(TestCallers.Web(new PrincipalClaims { Subject = "sam", Roles = roles }), new System.Security.Claims.ClaimsIdentity("test"));

    private async Task<(HttpContext Context, List<Caller?> Reached)> InvokeAsync(string? header, DevelopmentOptions? development = null)
    {
        var context = NewContext();
        if (header is not null)
        {
            context.Request.Headers[Header] = header;
        }

        var reached = new List<Caller?>();
        await Middleware(reached, development).InvokeAsync(context);
        return (context, reached);
    }

    private DefaultHttpContext NewContext()
    {
        var context = new DefaultHttpContext { RequestServices = _services, Response = { Body = new MemoryStream() } };
        if (_user is not null)
        {
            context.User = _user;
        }

        return context;
    }

    /// <summary>The middleware in front of a handler that notes the caller it was called with.</summary>
    private RoleSelectionMiddleware Middleware(List<Caller?> reached, DevelopmentOptions? development = null) => new(
        context =>
        {
            reached.Add(context.AuthenticatedCaller());
            return Task.CompletedTask;
        },
        new RoleSelector(new StaticOptionsMonitor<RoleOptions>(new RoleOptions { AccountId = Account })),
        Options.Create(development ?? new DevelopmentOptions()),
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
