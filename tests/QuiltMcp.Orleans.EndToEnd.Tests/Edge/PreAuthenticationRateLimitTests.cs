using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using QuiltMcp.Orleans.Api.Auth;
using QuiltMcp.Orleans.EndToEnd.Tests.Http;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Edge;

/// <summary>
/// Requests whose token is not known to be valid spend their client address's allowance before the token is
/// looked at; the client address comes from X-Forwarded-For only when the peer is a configured trusted proxy.
/// </summary>
public sealed class PreAuthenticationRateLimitTests
{
    /// <summary>A burst of 60 / 6 = 10 requests, refilled by 1 per second.</summary>
    private const string AnonymousPerMinute = "60";
    private const int Burst = 10;
    private const int Flood = 40;

    [Fact]
    public async Task A_flood_of_missing_and_bad_tokens_gets_429_and_the_validator_never_sees_the_excess()
    {
        var (server, validator) = await StartAsync();
        await using var _ = server;
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        var known = TestTokens.Issue("known-user");
        using (var first = await PostAsync(http, known))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var callsBefore = validator.Calls;
        var clock = Stopwatch.StartNew();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < Flood; i++)
        {
            var response = await PostAsync(http, i % 2 == 0 ? null : "bad.token." + i);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && limited is null)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        var elapsedSeconds = (int)Math.Ceiling(clock.Elapsed.TotalSeconds);

        // Past the allowance the requests are refused before the validator; each one it did see got its 401.
        var served = statuses.Count(s => s == HttpStatusCode.Unauthorized);
        Assert.Equal(Flood, served + statuses.Count(s => s == HttpStatusCode.TooManyRequests));

        // The known user's first request (its token not validated yet) spent one of the address's permits; the bucket
        // gains one per second, and an interval can straddle one more refill than its whole seconds.
        Assert.InRange(served, Burst - 1, Burst + elapsedSeconds + 1);
        var badTokensServed = statuses.Where((s, i) => i % 2 == 1 && s == HttpStatusCode.Unauthorized).Count();
        Assert.Equal(badTokensServed, validator.Calls - callsBefore);

        Assert.NotNull(limited);
        using (limited)
        {
            Assert.True(int.Parse(Assert.Single(limited.Headers.GetValues("Retry-After"))) >= 1);
            Assert.Equal("application/json", limited.Content.Headers.ContentType?.MediaType);
            var body = JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("rate_limited", body.GetProperty("error").GetString());
        }

        // A caller whose token this process already validated spends its own allowance, not the flooded address's.
        using var knownAgain = await PostAsync(http, known);
        Assert.Equal(HttpStatusCode.OK, knownAgain.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("10.0.0.0/8")]
    public async Task X_forwarded_for_from_an_untrusted_peer_is_ignored(string? trustedProxies)
    {
        var (server, validator) = await StartAsync(trustedProxies);
        await using var _ = server;
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Flood; i++)
        {
            // Every request claims to come from a different client; the peer (127.0.0.1) is not a trusted proxy.
            using var response = await PostAsync(http, "bad.token." + i, forwardedFor: $"203.0.113.{i + 1}");
            statuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.Unauthorized), validator.Calls);
        Assert.True(validator.Calls < Flood, $"{validator.Calls} of {Flood} bad tokens were validated");
    }

    [Fact]
    public async Task X_forwarded_for_from_a_trusted_proxy_gives_each_client_its_own_allowance()
    {
        var (server, validator) = await StartAsync("127.0.0.1");
        await using var _ = server;
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        var flooder = new List<HttpStatusCode>();
        for (var i = 0; i < Flood; i++)
        {
            // What an ALB sends: whatever the client claimed, then the address it saw. Only the last entry counts.
            using var response = await PostAsync(http, "bad.token." + i, forwardedFor: $"198.51.100.{i + 1}, 203.0.113.5");
            flooder.Add(response.StatusCode);
        }

        using var bystander = await PostAsync(http, "bad.token.bystander", forwardedFor: "203.0.113.6");
        using var ipv6Neighbour = await PostAsync(http, "bad.token.v6", forwardedFor: "2001:db8:1::1");

        Assert.Contains(HttpStatusCode.TooManyRequests, flooder);
        Assert.Equal(HttpStatusCode.Unauthorized, bystander.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, ipv6Neighbour.StatusCode);
        Assert.Equal(flooder.Count(s => s == HttpStatusCode.Unauthorized) + 2, validator.Calls);
    }

    [Fact]
    public async Task An_ipv6_client_cannot_escape_its_allowance_by_rotating_addresses_within_its_prefix()
    {
        var (server, validator) = await StartAsync("127.0.0.1");
        await using var _ = server;
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < Flood; i++)
        {
            using var response = await PostAsync(http, "bad.token." + i, forwardedFor: $"2001:db8:7:9:{i + 1:x}::1");
            statuses.Add(response.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.Unauthorized), validator.Calls);
    }

    private static async Task<(InProcessServer Server, CountingTokenValidator Validator)> StartAsync(string? trustedProxies = null)
    {
        CountingTokenValidator? validator = null;
        var settings = new Dictionary<string, string?> { ["Http:AnonymousPermitsPerMinute"] = AnonymousPerMinute };
        if (trustedProxies is not null)
        {
            settings["Http:TrustedProxies:0"] = trustedProxies;
        }

        var server = await InProcessServer.CreateAsync(settings, builder =>
            builder.Services.Replace(ServiceDescriptor.Singleton<IAccessTokenValidator>(provider =>
                validator = new CountingTokenValidator(ActivatorUtilities.CreateInstance<AccessTokenValidator>(provider)))));

        // Resolve it now so the count starts at zero, whoever asks first.
        _ = server.Services.GetRequiredService<IAccessTokenValidator>();
        return (server, validator!);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string? token, string? forwardedFor = null) =>
        McpHttpTests.PostAsync(http, null, McpHttpTests.StatelessCall(1), request =>
        {
            if (token is not null)
            {
                request.Headers.Authorization = new("Bearer", token);
            }

            if (forwardedFor is not null)
            {
                request.Headers.Add("X-Forwarded-For", forwardedFor);
            }
        });
}
