using System.Net;
using System.Text.Json;
using QuiltMcp.Orleans.Security.Tests.Target;

namespace QuiltMcp.Orleans.Security.Tests.Cases;

/// <summary>
/// DNS rebinding and cross-origin pages: a Host the server does not answer to, or a browser Origin it does not allow,
/// is refused before the token is even read; the load balancer's health probes still answer whatever the Host.
/// </summary>
public sealed class RebindingTests(HostileTarget target) : CorpusTest(target)
{
    [Theory]
    [InlineData("evil.example.com", "http://evil.example.com")]
    [InlineData("evil.example.com", null)]
    [InlineData("127.0.0.1.evil.example.com", "http://127.0.0.1.evil.example.com")]
    [InlineData("localhost.evil.example.com", null)]
    [InlineData("evil.example.com:80", "http://evil.example.com:80")]
    [InlineData("10.0.0.7", null)]
    [InlineData("0.0.0.0", null)]
    [InlineData("127.0.0.2", null)]
    public async Task Hostile_foreign_host_is_misdirected_before_authentication(string host, string? origin)
    {
        var token = await Target.QuiltTokenAsync("rebound");
        var request = Wire.ToolCall(token, "bucket_object_text", new System.Text.Json.Nodes.JsonObject { ["s3_uri"] = $"s3://{HostileTarget.GrantedBucket}/data/readme.txt" });
        request.Headers.Host = host;
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        var attack = await AttackAsync(request, token);

        Assert.Equal(HttpStatusCode.MisdirectedRequest, attack.Status);
        Assert.Equal("host_not_allowed", JsonDocument.Parse(attack.Body).RootElement.GetProperty("error").GetString());
        Assert.Empty(attack.Challenge ?? "");
    }

    [Theory]
    [InlineData("http://evil.example.com")]
    [InlineData("null")]
    [InlineData("http://localhost.evil.example.com")]
    [InlineData("file://")]
    [InlineData("https://127.0.0.1")]
    public async Task Hostile_foreign_browser_origin_is_forbidden(string origin)
    {
        var token = await Target.QuiltTokenAsync("cross-origin");
        var request = Wire.ToolCall(token, "auth_status", null);
        request.Headers.TryAddWithoutValidation("Origin", origin);

        var attack = await AttackAsync(request, token);

        Assert.Equal(HttpStatusCode.Forbidden, attack.Status);
        Assert.Equal("origin_not_allowed", JsonDocument.Parse(attack.Body).RootElement.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/ready")]
    public async Task Health_probes_answer_whatever_the_host(string path)
    {
        using var http = new HttpClient { BaseAddress = Target.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = "10.0.3.17:8000";

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
