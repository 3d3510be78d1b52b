using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using QuiltMcp.Orleans.Api.Sessions;
using QuiltMcp.Orleans.EndToEnd.Tests.Hosting;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Sessions;

/// <summary>The census learns of sessions from the SDK itself: opened by initialize, forgotten once closed.</summary>
public sealed class SessionCensusTests
{
    [Fact]
    public async Task Sessions_are_counted_while_the_sdk_holds_them()
    {
        await using var server = await InProcessServer.CreateAsync(new Dictionary<string, string?>());
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        var census = server.Services.GetRequiredService<McpSessionCensus>();
        var token = TestTokens.Issue("census");

        var sessions = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            sessions.Add(await SessionResumptionTests.InitializeAsync(http, token));
        }

        Assert.Equal(3, census.Live);
        Assert.All(sessions, session => Assert.False(census.MayBeClosedDuringRequest(session)));
        using (var call = await SessionResumptionTests.CallAsync(http, token, sessions[0]))
        {
            Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        }

        using var delete = new HttpRequestMessage(HttpMethod.Delete, "/mcp");
        delete.Headers.Add("Mcp-Session-Id", sessions[1]);
        delete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using (var deleted = await http.SendAsync(delete))
        {
            Assert.True(deleted.IsSuccessStatusCode, $"DELETE answered {(int)deleted.StatusCode}");
        }

        await Eventually.TrueAsync(() => census.Live == 2, TimeSpan.FromSeconds(30), "the census forgetting the deleted session");
        Assert.True(census.MayBeClosedDuringRequest(sessions[1]), "a closed session is no longer known, so it is protected");
    }
}
