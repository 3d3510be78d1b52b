using System.Net;
using Microsoft.Extensions.DependencyInjection;
using QuiltMcp.Orleans.Api.Health;
using QuiltMcp.Orleans.Testing.Processes;

namespace QuiltMcp.Orleans.Security.Tests.Target;

/// <summary>
/// The shape of every hostile case: send one request, then hold the server to "refused, and nothing spent": no STS
/// call, no S3 request (so nothing read or written), no catalog query, no request to the attacker's issuer, and
/// nothing the attacker sent, nor any secret, in the log. Test methods that are hostile cases are named
/// <c>Hostile_…</c>; test.sh counts them.
/// </summary>
[Collection(HostileTargetCollection.Name)]
public abstract class CorpusTest(HostileTarget target)
{
    protected HostileTarget Target => target;

    /// <summary>Sends <paramref name="request"/> and asserts that it spent nothing and leaked nothing.</summary>
    /// <param name="sensitive">Strings that must not reach the log (the token sent, a secret in the request…).</param>
    protected async Task<Attack> AttackAsync(HttpRequestMessage request, params string[] sensitive)
    {
        var attack = await SendAsync(request);
        Assert.Equal(attack.Before, attack.After);
        AssertNotLogged(attack.Logged, sensitive);
        return attack;
    }

    /// <summary>Sends <paramref name="request"/> and reports what it caused, asserting nothing yet.</summary>
    protected async Task<Attack> SendAsync(HttpRequestMessage request)
    {
        using var http = new HttpClient { BaseAddress = target.BaseUri };
        var before = target.Spend();
        var logged = target.Log.Count;
        using (request)
        using (var response = await http.SendAsync(request))
        {
            var body = await response.Content.ReadAsStringAsync();
            await WaitUntilServedAsync();
            var after = target.Spend();
            return new Attack(response.StatusCode, body, response.Content.Headers.ContentType?.MediaType,
                response.Headers.WwwAuthenticate.ToString(), before, after, target.Log.Lines(logged));
        }
    }

    /// <summary>As <see cref="AttackAsync"/>, for a request written to the socket by <see cref="RawHttp"/>.</summary>
    protected async Task<HttpStatusCode> RawAttackAsync(string body, string[] headerLines, params string[] sensitive)
    {
        var before = target.Spend();
        var logged = target.Log.Count;
        var (status, _) = await RawHttp.PostAsync(target.BaseUri, body, headerLines);
        await WaitUntilServedAsync();
        Assert.Equal(before, target.Spend());
        AssertNotLogged(target.Log.Lines(logged), sensitive);
        return status;
    }

    /// <summary>
    /// The response can reach the client while the request's pipeline is still unwinding (log lines, deferred work):
    /// its effects are all in once the server's own in-flight count is back to zero. The cases of this collection run
    /// one at a time, so no other request keeps it up.
    /// </summary>
    private async Task WaitUntilServedAsync()
    {
        var inFlight = target.Server.Services.GetRequiredService<InFlightRequests>();
        await Eventually.TrueAsync(() => inFlight.Count == 0, TimeSpan.FromSeconds(30), "the request's pipeline finishing");
    }

    /// <summary>401 with the bearer challenge naming <paramref name="reason"/> as it reaches the client.</summary>
    protected static void AssertUnauthorized(Attack attack, string? reason)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, attack.Status);
        Assert.StartsWith("Bearer resource_metadata=\"", attack.Challenge, StringComparison.Ordinal);
        Assert.Equal(reason is null ? null : AsChallengeText(reason), attack.ChallengeReason);
        if (reason is null)
        {
            Assert.DoesNotContain("error=", attack.Challenge, StringComparison.Ordinal);
        }
    }

    /// <summary>A tool result with <c>isError</c> and exactly this text.</summary>
    protected static void AssertToolError(Attack attack, string message)
    {
        Assert.Equal(HttpStatusCode.OK, attack.Status);
        Assert.True(attack.IsToolError, attack.Body);
        Assert.True(message == attack.ToolText, $"expected: {message}\nactual:   {attack.ToolText}");
    }

    protected static void AssertNotLogged(IEnumerable<string> lines, IEnumerable<string> sensitive)
    {
        foreach (var secret in sensitive.Where(secret => secret.Length >= 8))
        {
            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }

    /// <summary>What a reason looks like inside the challenge header: printable ASCII without quotes, at most 200 characters.</summary>
    private static string AsChallengeText(string reason)
    {
        var cleaned = new string(reason.Select(c => c is >= ' ' and <= '~' && c != '"' && c != '\\' ? c : ' ').ToArray());
        return cleaned.Length > 200 ? cleaned[..200] : cleaned;
    }
}
