using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using QuiltMcp.Orleans.Api.Access;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.Identity.Bearer;
using QuiltMcp.Orleans.Api.Identity.Tokens;
using QuiltMcp.Orleans.Api.Tests.Support;
using QuiltMcp.Orleans.Grains.Principals;
using Xunit;

namespace QuiltMcp.Orleans.Api.Tests.Identity.Bearer;

/// <summary>
/// The bearer handler on its own, request by request: what it accepts, what it refuses and with which challenge, what
/// it remembers, and the caller it makes the request's user.
/// </summary>
public sealed class McpBearerAuthenticationHandlerTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));
    private readonly ScriptedTokenValidator _validator = new();
    private readonly ValidatedTokenCache _cache;
    private readonly ConcurrentDictionary<string, RecordingPrincipalGrain> _principals = new(StringComparer.Ordinal);
    private readonly TestGrainFactory _grains = TestGrainFactory.Create();
    private readonly ChallengeBuilder _challenges;

    public McpBearerAuthenticationHandlerTests()
    {
        _cache = new ValidatedTokenCache(_time, Options.Create(new AuthOptions()));
        var scopes = new ToolScopeOptions();
        scopes.ToolScopes.Clear();
        scopes.ToolScopes["bucket_list"] = "quilt:read";
        scopes.ToolScopes["auth_status"] = "";
        scopes.ToolScopes["get_public_info"] = "public:read";
        _challenges = new ChallengeBuilder(
            new ResourceMetadataLocator(new StaticOptionsMonitor<ProtectedResourceOptions>(new ProtectedResourceOptions())),
            new ToolAccessPolicy(new StaticOptionsMonitor<ToolScopeOptions>(scopes)));
        _grains.Register<IPrincipalGrain>(key => _principals.GetOrAdd(key, _ => new RecordingPrincipalGrain()));
    }

    public void Dispose()
    {
        _cache.Dispose();
    }

    [Fact]
    public async Task No_authorization_header_is_no_result_and_no_caller()
    {
        var (result, context) = await AuthenticateAsync(authorization: null);

        Assert.True(result.None);
        Assert.Null(result.Principal);
        Assert.Null(context.AuthenticatedCaller());
        Assert.Empty(_validator.Validated);
    }

    [Theory]
    [InlineData("Basic YWxpY2U6c2VjcmV0")]
    [InlineData("Token abc")]
    [InlineData("Bearer")]
    [InlineData("Bearerabc")]
    [InlineData("abc")]
    public async Task A_header_that_is_not_a_bearer_token_is_refused_without_validation(string header)
    {
        var (result, context) = await AuthenticateAsync(header);

        Assert.False(result.Succeeded);
        Assert.Equal("the Authorization header is not a Bearer token", result.Failure!.Message);
        Assert.Empty(_validator.Validated);
        Assert.Null(result.Principal);
        var challenge = await ChallengeAsync(context);
        Assert.Contains("error=\"invalid_token\"", challenge, StringComparison.Ordinal);
        Assert.Contains("error_description=\"the Authorization header is not a Bearer token\"", challenge, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bearer good")]
    [InlineData("bearer good")]
    [InlineData("BEARER good")]
    [InlineData("Bearer   good  ")]
    public async Task The_scheme_name_is_case_insensitive_and_the_token_is_trimmed(string header)
    {
        _validator.Accept("good", "alice", _time.GetUtcNow().AddHours(1));

        var (result, _) = await AuthenticateAsync(header);

        Assert.True(result.Succeeded);
        Assert.Equal(["good"], _validator.Validated);
    }

    [Fact]
    public async Task A_valid_token_makes_the_request_web_jwt_for_its_principal()
    {
        _validator.Accept("alice-token", "alice", _time.GetUtcNow().AddHours(1), "quilt-frontend", "quilt:read");

        var (result, context) = await AuthenticateAsync("Bearer alice-token", quiltUserId: "catalog-user-7");

        Assert.True(result.Succeeded);
        var caller = CallerOf(result);
        Assert.Equal(RuntimeEnvironments.WebJwt, caller.Environment);
        Assert.Equal("alice-token", caller.Credential!.AccessToken);
        Assert.Equal(CallerCredential.JwtScheme, caller.Credential.Scheme);
        Assert.Equal(PrincipalKeys.ForToken("quilt-frontend", "alice"), caller.PrincipalId);
        Assert.Equal(["quilt:read"], caller.Claims!.Scopes);
        Assert.Null(caller.Role);
        Assert.Equal(new RequestOrigin("http", context.TraceIdentifier, "catalog-user-7"), caller.Request);
        Assert.Same(_principals[caller.PrincipalId], caller.Grain);
        // Authentication alone costs no grain call: the claims reach the grain when a request first needs it.
        var grain = _principals[PrincipalKeys.ForToken("quilt-frontend", "alice")];
        Assert.Empty(grain.Identified);
        Assert.Same(grain, await caller.GetGrainAsync(CancellationToken.None));
        Assert.Equal("alice", Assert.Single(grain.Identified).Subject);
        Assert.Equal("quilt:read", result.Principal!.FindFirst("scope")!.Value);
        Assert.Equal("alice", result.Principal.FindFirst("sub")!.Value);
        Assert.Equal("alice", result.Principal.FindFirst(ClaimTypes.NameIdentifier)!.Value);
        Assert.Null(result.Principal.Identity!.Name);
    }

    [Fact]
    public async Task A_display_name_becomes_the_user_name()
    {
        _validator.Accept("named", new PrincipalClaims { Subject = "erin", Issuer = "quilt-frontend", DisplayName = "Erin Example" }, _time.GetUtcNow().AddHours(1));

        var (result, _) = await AuthenticateAsync("Bearer named");

        Assert.Equal("Erin Example", result.Principal!.Identity!.Name);
        Assert.Equal("quilt-frontend", result.Principal.FindFirst(ClaimTypes.Name)!.Issuer);
    }

    [Fact]
    public async Task Every_claim_names_the_token_issuer_so_the_same_subject_elsewhere_is_another_user()
    {
        _validator.Accept("quilt-alice", "alice", _time.GetUtcNow().AddHours(1), "quilt-frontend");
        _validator.Accept("oidc-alice", "alice", _time.GetUtcNow().AddHours(1), "https://idp.example.com");

        var quilt = (await AuthenticateAsync("Bearer quilt-alice")).Result.Principal!;
        var oidc = (await AuthenticateAsync("Bearer oidc-alice")).Result.Principal!;

        var quiltId = quilt.FindFirst(ClaimTypes.NameIdentifier)!;
        var oidcId = oidc.FindFirst(ClaimTypes.NameIdentifier)!;
        Assert.Equal(quiltId.Value, oidcId.Value);
        Assert.Equal("quilt-frontend", quiltId.Issuer);
        Assert.Equal("https://idp.example.com", oidcId.Issuer);
        Assert.All(quilt.Claims, claim => Assert.Equal("quilt-frontend", claim.Issuer));
        Assert.NotEqual(((CallerPrincipal)quilt).Caller.PrincipalId, ((CallerPrincipal)oidc).Caller.PrincipalId);
    }

    [Fact]
    public async Task A_reused_token_is_served_from_the_cache_without_validation_or_a_second_grain_call()
    {
        _validator.Accept("reused", "bob", _time.GetUtcNow().AddHours(1));

        var (first, _) = await AuthenticateAsync("Bearer reused");
        await CallerOf(first).GetGrainAsync(CancellationToken.None);
        var (second, _) = await AuthenticateAsync("Bearer reused");
        await CallerOf(second).GetGrainAsync(CancellationToken.None);

        Assert.True(second.Succeeded);
        Assert.Single(_validator.Validated);
        Assert.Single(_principals[PrincipalKeys.ForToken("quilt-frontend", "bob")].Identified);
        Assert.Equal("reused", CallerOf(second).Credential!.AccessToken);
    }

    [Fact]
    public async Task Claims_whose_recording_failed_are_recorded_by_the_next_request_that_needs_the_grain()
    {
        _validator.Accept("lost", "carol", _time.GetUtcNow().AddHours(1));
        var (first, _) = await AuthenticateAsync("Bearer lost");
        var grain = _principals[PrincipalKeys.ForToken("quilt-frontend", "carol")];
        grain.FailNextIdentify = true;

        await Assert.ThrowsAsync<SiloUnavailableException>(async () => await CallerOf(first).GetGrainAsync(CancellationToken.None));
        Assert.Empty(grain.Identified);

        var (second, _) = await AuthenticateAsync("Bearer lost");
        await CallerOf(second).GetGrainAsync(CancellationToken.None);
        await CallerOf(second).GetGrainAsync(CancellationToken.None);
        Assert.Equal("carol", Assert.Single(grain.Identified).Subject);
    }

    [Fact]
    public async Task A_cached_caller_carries_each_request_s_own_token()
    {
        _validator.Accept("t1", "carol", _time.GetUtcNow().AddHours(1));
        var first = (await AuthenticateAsync("Bearer t1")).Result;
        Assert.Equal("t1", CallerOf(first).Credential!.AccessToken);

        _validator.Accept("t2", "carol", _time.GetUtcNow().AddHours(1));
        var second = (await AuthenticateAsync("Bearer t2")).Result;
        Assert.Equal("t2", CallerOf(second).Credential!.AccessToken);
        Assert.Equal("t1", CallerOf(first).Credential!.AccessToken);
    }

    [Fact]
    public async Task A_refused_token_is_never_remembered_and_its_reason_reaches_the_challenge()
    {
        var (first, context) = await AuthenticateAsync("Bearer forged");
        await AuthenticateAsync("Bearer forged");

        Assert.False(first.Succeeded);
        Assert.Equal(2, _validator.Validated.Count);
        Assert.Empty(_principals);
        Assert.Null(first.Principal);
        var challenge = await ChallengeAsync(context);
        Assert.StartsWith("Bearer resource_metadata=\"http://mcp.test/.well-known/oauth-protected-resource/mcp\"", challenge, StringComparison.Ordinal);
        Assert.Contains("scope=\"public:read quilt:read\"", challenge, StringComparison.Ordinal);
        Assert.EndsWith("error=\"invalid_token\", error_description=\"token signature is invalid\"", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_challenge_without_a_presented_token_has_no_error()
    {
        var (_, context) = await AuthenticateAsync(authorization: null);

        var challenge = await ChallengeAsync(context);

        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
        Assert.Equal("Bearer resource_metadata=\"http://mcp.test/.well-known/oauth-protected-resource/mcp\", scope=\"public:read quilt:read\"", challenge);
    }

    [Fact]
    public async Task An_expired_cached_token_is_validated_again()
    {
        _validator.Accept("brief", "dave", _time.GetUtcNow().AddMinutes(1));
        await AuthenticateAsync("Bearer brief");

        _time.Advance(TimeSpan.FromMinutes(3));
        await AuthenticateAsync("Bearer brief");

        Assert.Equal(2, _validator.Validated.Count);
    }

    [Fact]
    public void A_challenge_description_cannot_break_out_of_its_quotes_or_the_header()
    {
        var request = new DefaultHttpContext().Request;
        request.Scheme = "http";
        request.Host = new HostString("mcp.test");

        var challenge = _challenges.Build(request, "bad \"quote\" \\ back\r\nInjected: yes~ \u00e9" + new string('x', 300));

        var description = challenge[(challenge.IndexOf("error_description=\"", StringComparison.Ordinal) + 19)..^1];
        Assert.Equal(200, description.Length);
        Assert.StartsWith("bad  quote    back  Injected: yes~  x", description, StringComparison.Ordinal);
        Assert.DoesNotContain('"', description);
        Assert.All(challenge, c => Assert.InRange(c, ' ', '~'));
    }

    private static Caller CallerOf(AuthenticateResult result) => Assert.IsType<CallerPrincipal>(result.Principal).Caller;

    private async Task<(AuthenticateResult Result, HttpContext Context)> AuthenticateAsync(string? authorization, string? quiltUserId = null)
    {
        var context = new DefaultHttpContext();
        if (quiltUserId is not null)
        {
            context.Request.Headers[RequestOrigin.QuiltUserIdHeader] = quiltUserId;
        }

        context.Request.Scheme = "http";
        context.Request.Host = new HostString("mcp.test");
        context.Request.Path = "/mcp";
        if (authorization is not null)
        {
            context.Request.Headers.Authorization = authorization;
        }

        var handler = CreateHandler();
        await handler.InitializeAsync(new AuthenticationScheme(McpBearerDefaults.AuthenticationScheme, null, typeof(McpBearerAuthenticationHandler)), context);
        context.Items[typeof(McpBearerAuthenticationHandler)] = handler;
        return (await handler.AuthenticateAsync(), context);
    }

    private static async Task<string> ChallengeAsync(HttpContext context)
    {
        var handler = (McpBearerAuthenticationHandler)context.Items[typeof(McpBearerAuthenticationHandler)]!;
        await handler.ChallengeAsync(new AuthenticationProperties());
        return context.Response.Headers.WWWAuthenticate.ToString();
    }

    private McpBearerAuthenticationHandler CreateHandler() => new(
        new StaticOptionsMonitor<AuthenticationSchemeOptions>(new AuthenticationSchemeOptions()),
        NullLoggerFactory.Instance,
        UrlEncoder.Default,
        _validator,
        _cache,
        _grains.Factory,
        new PrincipalSnapshotCache(),
        _challenges);
}
