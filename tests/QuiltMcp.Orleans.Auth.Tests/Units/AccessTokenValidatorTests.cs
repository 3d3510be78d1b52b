using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Identity.Tokens;
using QuiltMcp.Orleans.Auth.Tests.Support;

namespace QuiltMcp.Orleans.Auth.Tests.Units;

/// <summary>
/// The validator's own steps: the size bound in bytes, the stage each refusal is logged under, the library's reading
/// after ours, a configured size above the library's default, and failing closed on an unexpected error.
/// </summary>
public sealed class AccessTokenValidatorTests : IDisposable
{
    private readonly ValidatorHost _host = ValidatorHost.Create();

    public void Dispose() => _host.Dispose();

    public static TheoryData<string, string> RefusalStages() => new()
    {
        { "empty", "Bearer token rejected: no token (empty)" },
        { "oversize", "Bearer token rejected: token is larger than 16384 bytes (oversize)" },
        { "two parts", $"Bearer token rejected: {TokenFailureReasons.Malformed} (form)" },
        { "exp a string", "Bearer token rejected: claim 'exp' must be a number (NumericDate) (claim types)" },
        { "untrusted issuer", "Bearer token rejected: issuer is not trusted (claimed issuer 'https://elsewhere.example')" },
        { "typ a number", $"Bearer token rejected: {TokenFailureReasons.Malformed} (library parse)" },
        { "wrong secret", "Bearer token rejected: signature is invalid (SecurityTokenInvalidSignatureException)" },
        { "expired", "Bearer token rejected: token has expired (lifetime)" },
        { "no sub", "Bearer token rejected: claim 'sub' is missing or not a non-empty string (claims)" },
    };

    [Theory]
    [MemberData(nameof(RefusalStages))]
    public async Task Each_refusal_is_logged_with_the_stage_that_made_it(string kind, string logged)
    {
        var token = kind switch
        {
            "empty" => " ",
            "oversize" => new string('a', _host.Options.MaxTokenBytes + 1),
            "two parts" => "eyJhbGciOiJIUzI1NiJ9.e30",
            "exp a string" => _host.QuiltToken(payload => payload["exp"] = "1999999999"),
            "untrusted issuer" => _host.QuiltToken(payload => payload["iss"] = "https://elsewhere.example"),
            "typ a number" => TypNumberToken(),
            "wrong secret" => _host.QuiltToken(secret: "another-secret-of-sufficient-length-0123456789"),
            "expired" => _host.QuiltToken(payload => payload["exp"] = _host.Now.AddHours(-1).ToUnixTimeSeconds()),
            "no sub" => _host.QuiltToken(payload => payload.Remove("sub")),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var outcome = await _host.Validator.ValidateAsync(token);

        Assert.False(outcome.Succeeded);
        Assert.Contains(_host.Logs.Lines(), line => line.Contains(logged, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_header_parameter_the_library_cannot_read_is_refused_as_malformed()
    {
        var token = TypNumberToken();

        OutcomeAssert.RejectedExactly(await _host.Validator.ValidateAsync(token), TokenFailureReasons.Malformed, token);
    }

    [Fact]
    public async Task The_size_bound_counts_UTF8_bytes_not_characters()
    {
        var limit = _host.Options.MaxTokenBytes;
        // As many characters as the limit allows, but two bytes each for the last twenty.
        var token = new string('a', limit - 20) + new string('é', 20);
        Assert.Equal(limit, token.Length);

        OutcomeAssert.RejectedExactly(await _host.Validator.ValidateAsync(token), $"token is larger than {limit} bytes", token);
    }

    [Fact]
    public async Task A_configured_size_above_the_library_default_is_honoured_by_the_library_too()
    {
        using var host = ValidatorHost.Create(new Dictionary<string, string?> { ["Auth:MaxTokenBytes"] = (1024 * 1024).ToString() });
        // About 300 KB: over Microsoft.IdentityModel's 250 KB default, under the configured megabyte.
        var token = host.QuiltToken(payload => payload["pad"] = new string('p', 300 * 1024 * 3 / 4));
        Assert.InRange(token.Length, 256 * 1024, 1024 * 1024);

        OutcomeAssert.Accepted(await host.Validator.ValidateAsync(token));
    }

    [Fact]
    public async Task An_unexpected_error_denies_and_logs_only_its_type()
    {
        var logs = new FakeLogCollector();
        using var loggers = LoggerFactory.Create(logging => logging.SetMinimumLevel(LogLevel.Debug).AddProvider(new FakeLoggerProvider(logs)));
        using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var options = new AuthOptions { Quilt = { Keys = [new QuiltSigningKey { Kid = ValidatorHost.QuiltKid, Secret = ValidatorHost.QuiltSecret }] } };
        var clock = new FailingClock(_host.Now);
        var validator = new AccessTokenValidator(
            Options.Create(options), services.GetRequiredService<IHttpClientFactory>(), clock, loggers.CreateLogger<AccessTokenValidator>());
        var token = _host.QuiltToken();
        OutcomeAssert.Accepted(await validator.ValidateAsync(token));

        clock.Failure = new InvalidOperationException($"clock broke while reading {token}");
        var outcome = await validator.ValidateAsync(token);

        OutcomeAssert.RejectedExactly(outcome, "token could not be validated", token);
        var line = Assert.Single(logs.Lines(), line => line.Contains("failed unexpectedly", StringComparison.Ordinal));
        Assert.Contains("(InvalidOperationException)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("clock broke", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_is_not_mistaken_for_an_unexpected_error()
    {
        var clock = new FailingClock(_host.Now) { Failure = new OperationCanceledException() };
        using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var options = new AuthOptions { Quilt = { Keys = [new QuiltSigningKey { Kid = ValidatorHost.QuiltKid, Secret = ValidatorHost.QuiltSecret }] } };
        var validator = new AccessTokenValidator(
            Options.Create(options), services.GetRequiredService<IHttpClientFactory>(), clock, Microsoft.Extensions.Logging.Abstractions.NullLogger<AccessTokenValidator>.Instance);

        await Assert.ThrowsAsync<OperationCanceledException>(() => validator.ValidateAsync(_host.QuiltToken()));
    }

    /// <summary>A genuine token whose header says <c>"typ": 5</c>: our rules do not read typ, the library does.</summary>
    private string TypNumberToken()
    {
        var header = TestJwt.Header("HS256", ValidatorHost.QuiltKid);
        header["typ"] = 5;
        return TestJwt.Encode(header, TestJwt.Payload(QuiltTokenDefaults.Issuer, QuiltTokenDefaults.Audience, "alice", _host.Now), TestJwt.Hs256(ValidatorHost.QuiltSecret));
    }

    /// <summary>A clock that works until told to fail: the stand-in for any dependency breaking mid-validation.</summary>
    private sealed class FailingClock(DateTimeOffset now) : TimeProvider
    {
        public Exception? Failure { get; set; }

        public override DateTimeOffset GetUtcNow() => Failure is null ? now : throw Failure;
    }
}
