using QuiltMcp.Orleans.Api.Auth;
using QuiltMcp.Orleans.Auth.Tests.Support;

namespace QuiltMcp.Orleans.Auth.Tests;

/// <summary>The development token issuer behind <c>quilt-mcp token</c>.</summary>
public sealed class DevelopmentTokenIssuerTests : IDisposable
{
    private readonly ValidatorHost _host = ValidatorHost.Create(new Dictionary<string, string?>
    {
        ["Auth:Quilt:Keys:1:Kid"] = "k2",
        ["Auth:Quilt:Keys:1:Secret"] = "second-secret-0123456789-abcdefghij-UVWX",
    });

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Issued_token_validates_and_carries_the_requested_claims()
    {
        var token = _host.TokenIssuer.Issue(new DevelopmentTokenRequest
        {
            Subject = "alice",
            Scopes = ["quilt:read", "public:read"],
            Buckets = ["b1", "b2"],
            Permissions = ["s3:GetObject", "s3:ListBucket"],
            Roles = ["ReadQuilt"],
            Lifetime = TimeSpan.FromMinutes(30),
        });

        var validated = OutcomeAssert.Accepted(await _host.Validator.ValidateAsync(token));

        Assert.Equal("alice", validated.Principal.Subject);
        Assert.Equal(["quilt:read", "public:read"], validated.Principal.Scopes);
        Assert.Equal(["b1", "b2"], validated.Principal.Buckets);
        Assert.Equal(["s3:GetObject", "s3:ListBucket"], validated.Principal.Permissions);
        Assert.Equal(["ReadQuilt"], validated.Principal.Roles);
        Assert.Equal((_host.Now + TimeSpan.FromMinutes(30)).ToUnixTimeSeconds(), validated.ExpiresAt.ToUnixTimeSeconds());
        var payload = TestJwt.ReadPayload(token);
        Assert.Equal("quilt:read public:read", payload.GetProperty("scope").GetString());
        Assert.Equal(QuiltTokenDefaults.Issuer, payload.GetProperty("iss").GetString());
        Assert.Equal(QuiltTokenDefaults.Audience, payload.GetProperty("aud").GetString());
    }

    [Fact]
    public void Header_names_the_signing_key_and_HS256()
    {
        var first = TestJwt.ReadHeader(_host.TokenIssuer.Issue(new DevelopmentTokenRequest { Subject = "a" }));
        var second = TestJwt.ReadHeader(_host.TokenIssuer.Issue(new DevelopmentTokenRequest { Subject = "a", Kid = "k2" }));

        Assert.Equal("HS256", first.GetProperty("alg").GetString());
        Assert.Equal(ValidatorHost.QuiltKid, first.GetProperty("kid").GetString());
        Assert.Equal("k2", second.GetProperty("kid").GetString());
    }

    [Fact]
    public void Optional_claims_are_left_out_when_empty()
    {
        var payload = TestJwt.ReadPayload(_host.TokenIssuer.Issue(new DevelopmentTokenRequest { Subject = "a" }));

        Assert.False(payload.TryGetProperty("permissions", out _));
        Assert.False(payload.TryGetProperty("roles", out _));
        Assert.Equal(0, payload.GetProperty("buckets").GetArrayLength());
    }

    [Fact]
    public async Task Token_expires_after_its_lifetime()
    {
        var token = _host.TokenIssuer.Issue(new DevelopmentTokenRequest { Subject = "a", Lifetime = TimeSpan.FromMinutes(1) });
        OutcomeAssert.Accepted(await _host.Validator.ValidateAsync(token));

        _host.Time.Advance(TimeSpan.FromMinutes(1) + _host.Options.ClockSkew);

        OutcomeAssert.Rejected(await _host.Validator.ValidateAsync(token), "expired", token);
    }

    [Fact]
    public void Unknown_kid_and_bad_requests_are_refused()
    {
        var unknown = Assert.Throws<InvalidOperationException>(() =>
            _host.TokenIssuer.Issue(new DevelopmentTokenRequest { Subject = "a", Kid = "nope" }));
        Assert.Contains("'nope'", unknown.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            _host.TokenIssuer.Issue(new DevelopmentTokenRequest { Subject = "a", Lifetime = TimeSpan.Zero }));
        Assert.Throws<ArgumentException>(() => _host.TokenIssuer.Issue(new DevelopmentTokenRequest { Subject = " " }));
    }
}
