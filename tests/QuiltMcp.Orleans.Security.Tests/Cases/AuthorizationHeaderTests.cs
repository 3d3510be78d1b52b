using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using QuiltMcp.Orleans.Security.Tests.Target;

namespace QuiltMcp.Orleans.Security.Tests.Cases;

/// <summary>
/// A valid token presented anywhere but a single <c>Authorization: Bearer</c> header, or a header in any other form:
/// no token is taken from a query string, a cookie, the body or a second header.
/// </summary>
public sealed class AuthorizationHeaderTests(HostileTarget target) : CorpusTest(target)
{
    private const string NotBearer = "the Authorization header is not a Bearer token";

    [Fact]
    public async Task Hostile_token_in_the_query_string_is_not_taken()
    {
        var token = await Target.QuiltTokenAsync("query-string");
        var request = Wire.ToolCall(null, "auth_status", null);
        request.RequestUri = new Uri($"/mcp?access_token={token}", UriKind.Relative);

        AssertUnauthorized(await AttackAsync(request, token), reason: null);
    }

    [Fact]
    public async Task Hostile_token_in_a_cookie_is_not_taken()
    {
        var token = await Target.QuiltTokenAsync("cookie");
        var request = Wire.ToolCall(null, "auth_status", null);
        request.Headers.Add("Cookie", $"access_token={token}; token={token}");

        AssertUnauthorized(await AttackAsync(request, token), reason: null);
    }

    [Fact]
    public async Task Hostile_token_in_the_request_body_is_not_taken()
    {
        var token = await Target.QuiltTokenAsync("body");
        var request = Wire.ToolCall(null, "auth_status", new JsonObject { ["access_token"] = token, ["authorization"] = "Bearer " + token });

        AssertUnauthorized(await AttackAsync(request, token), reason: null);
    }

    [Theory]
    [InlineData("Basic")]
    [InlineData("Token")]
    [InlineData("JWT")]
    [InlineData("Digest")]
    [InlineData("MAC")]
    public async Task Hostile_valid_token_under_another_scheme_is_refused(string scheme)
    {
        var token = await Target.QuiltTokenAsync("scheme-" + scheme);
        var request = Wire.ToolCall(null, "auth_status", null);
        request.Headers.TryAddWithoutValidation("Authorization", $"{scheme} {token}");

        AssertUnauthorized(await AttackAsync(request, token), NotBearer);
    }

    [Fact]
    public async Task Hostile_basic_credentials_are_refused()
    {
        var request = Wire.ToolCall(null, "auth_status", null);
        request.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:admin")));

        AssertUnauthorized(await AttackAsync(request), NotBearer);
    }

    [Fact]
    public async Task Hostile_second_authorization_header_makes_the_token_invalid()
    {
        var token = await Target.QuiltTokenAsync("two-headers");
        var request = Wire.ToolCall(token, "auth_status", null);
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer junk");

        var attack = await AttackAsync(request, token);

        AssertUnauthorized(attack, "token is not a well-formed JWS compact JWT");
    }

    [Theory]
    [InlineData("Bearer ")]
    [InlineData("Bearer     ")]
    [InlineData("Bearer\tabc")]
    [InlineData("Bearer null")]
    [InlineData("Bearer undefined")]
    [InlineData("Bearer a.b.c")]
    [InlineData("Bearer ...")]
    public async Task Hostile_junk_bearer_values_are_refused(string header)
    {
        var request = Wire.ToolCall(null, "auth_status", null);
        request.Headers.TryAddWithoutValidation("Authorization", header);

        var attack = await AttackAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, attack.Status);
        Assert.Contains("error=\"invalid_token\"", attack.Challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_token_with_one_appended_character_is_refused()
    {
        var token = await Target.QuiltTokenAsync("appended");

        // One more base64url character still spells bytes, so the token reads fine and its signature fails.
        AssertUnauthorized(await AttackAsync(Wire.ToolCall(token + "A", "auth_status", null), token), "signature is invalid");
    }

    [Fact]
    public async Task Hostile_token_of_another_server_signed_with_a_guessed_secret_is_refused()
    {
        var payload = Target.Tokens.QuiltPayload(DateTimeOffset.UtcNow, "guesser");
        var token = await Target.Tokens.Jose.SignAsync(new JoseSignRequest
        {
            Header = new JsonObject { ["alg"] = "HS256", ["kid"] = JoseTokenFixture.QuiltKid },
            Payload = payload,
            Secret = Encoding.UTF8.GetBytes("secret"),
        });

        AssertUnauthorized(await AttackAsync(Wire.ToolCall(token, "auth_status", null), token), "signature is invalid");
    }

    [Fact]
    public async Task The_scheme_name_is_not_case_sensitive_for_a_valid_token()
    {
        var token = await Target.QuiltTokenAsync("lower-case-scheme");
        var request = Wire.ToolCall(null, "auth_status", null);
        request.Headers.TryAddWithoutValidation("Authorization", "bearer " + token);

        var attack = await AttackAsync(request, token);

        Assert.Equal(HttpStatusCode.OK, attack.Status);
    }
}
