using System.Net;
using QuiltMcp.Orleans.Security.Tests.Target;

namespace QuiltMcp.Orleans.Security.Tests.Cases;

/// <summary>
/// A flood of forged tokens from one address runs into that address's allowance (429) instead of making the server
/// verify signatures forever; the corpus target lifts its limits, so this case runs its own server at the defaults.
/// </summary>
public sealed class FloodTests(HostileTarget target) : CorpusTest(target)
{
    [Fact]
    public async Task Hostile_flood_of_forged_tokens_is_throttled_per_address()
    {
        await using var server = await InProcessServer.CreateAsync(new Dictionary<string, string?> { ["Http:AnonymousPermitsPerMinute"] = "60" });
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        var forged = (await Target.QuiltTokenAsync("flooder"))[..^4] + "AAAA";

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            using var request = Wire.ToolCall(forged, "auth_status", null);
            using var response = await http.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter is not null, "429 without Retry-After");
            }
        }

        Assert.Contains(HttpStatusCode.Unauthorized, statuses);
        Assert.True(statuses.Count(status => status == HttpStatusCode.TooManyRequests) >= 20, string.Join(",", statuses));
        Assert.All(statuses, status => Assert.True(status is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, status.ToString()));
    }
}
