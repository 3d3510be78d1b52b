using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using Orleans.Runtime.Placement;
using QuiltMcp.Orleans.Api.Telemetry;
using QuiltMcp.Orleans.Api.Tools;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Principals.Tests.Telemetry;

public sealed class CrossSiloTraceTests
{
    [Fact]
    public async Task One_tool_call_whose_principal_grain_lives_on_the_other_silo_is_one_connected_trace_without_secrets()
    {
        await using var cluster = await TracedCluster.StartAsync();
        var subject = $"traced-{Guid.NewGuid():N}";
        var role = FakeSts.RoleArn("QuiltTraced");
        var token = TestTokens.Issue(subject, roleArn: role);
        var principalId = PrincipalKeys.ForToken(TestTokens.Issuer, subject);
        var backSilo = cluster.Back.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var principal = await ActivateOnAsync(cluster.Back, principalId, backSilo);

        // The test's own client neither records a span nor sends a traceparent: the server's span must start the trace.
        using var http = new HttpClient { BaseAddress = cluster.Front.BaseUri };
        using var untraced = SuppressInstrumentationScope.Begin();
        var session = await McpHttp.OpenSessionAsync(http, token);
        using var response = await McpHttp.PostAsync(http,
            "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"" + AuthTools.AwsIdentityName + "\",\"arguments\":{}}}",
            token, session);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await McpHttp.ReadJsonRpcAsync(response);
        Assert.False(reply.GetProperty("result").TryGetProperty("isError", out var isError) && isError.GetBoolean(), reply.ToString());

        var management = cluster.Front.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        Assert.Equal(backSilo, await management.GetActivationAddress(principal));

        Activity[] trace = [];
        Activity? toolCall = null;
        await Eventually.TrueAsync(() =>
        {
            cluster.Flush();
            var spans = cluster.Spans.Snapshot();
            // Sources are process-wide: other tests' servers running in parallel are seen too, so pick ours by its principal.
            toolCall = spans.FirstOrDefault(span => span.Source.Name == TelemetrySources.ModelContextProtocol
                && (span.GetTagItem("mcp.method.name") as string) == "tools/call"
                && (span.GetTagItem(ToolCallSpanTags.PrincipalId) as string) == principalId);
            trace = toolCall is null ? [] : spans.Where(span => span.TraceId == toolCall.TraceId).ToArray();

            return trace.Any(span => span.ParentSpanId == default);
        }, TimeSpan.FromSeconds(30), "the tools/call trace with its root span exported");

        var root = Assert.Single(trace, span => span.ParentSpanId == default);
        Assert.Equal("Microsoft.AspNetCore", root.Source.Name);
        Assert.Equal(ActivityKind.Server, root.Kind);
        Assert.Equal("/mcp", root.GetTagItem("url.path"));
        // Every span hangs off another span of the same trace: nothing was cut off between front end, grains and STS.
        var ids = trace.Select(span => span.SpanId).ToHashSet();
        Assert.All(trace.Where(span => span != root), span => Assert.Contains(span.ParentSpanId, ids));

        Assert.NotNull(toolCall);
        Assert.True(IsBelow(toolCall, root, trace));
        Assert.Equal(AuthTools.AwsIdentityName, toolCall.GetTagItem("gen_ai.tool.name"));
        Assert.Equal(session, toolCall.GetTagItem(ToolCallSpanTags.SessionId));
        Assert.Single(toolCall.TagObjects, tag => tag.Key == ToolCallSpanTags.SessionId);
        Assert.Equal(principalId, toolCall.GetTagItem(ToolCallSpanTags.PrincipalId));
        Assert.Equal("success", toolCall.GetTagItem(ToolCallSpanTags.Outcome));

        // The credential call leaves the front end's silo as a client span and is served on the back silo as a server span.
        var grainClient = Assert.Single(trace, span => span.Source.Name == TelemetrySources.OrleansApplication
            && span.Kind == ActivityKind.Client && span.DisplayName.Contains("GetRoleCredentials", StringComparison.Ordinal));
        var grainServer = Assert.Single(trace, span => span.Source.Name == TelemetrySources.OrleansApplication
            && span.Kind == ActivityKind.Server && span.DisplayName.Contains("GetRoleCredentials", StringComparison.Ordinal));
        Assert.Equal(grainClient.SpanId, grainServer.ParentSpanId);
        Assert.True(IsBelow(grainClient, toolCall, trace));

        // The grain on the back silo called STS: that HTTP client span belongs to the same trace, under the grain call.
        var stsCall = Assert.Single(trace, span => span.Source.Name == "System.Net.Http" && span.Kind == ActivityKind.Client
            && Equals(span.GetTagItem("server.port"), cluster.Sts.Url.Port));
        Assert.True(IsBelow(stsCall, grainServer, trace));
        Assert.Single(cluster.Sts.CallsFor(role));

        AssertNoSecretAnywhere(cluster, token);
        AssertMetersExported(cluster);
    }

    /// <summary>Activates the principal grain on <paramref name="silo"/> by a call from there with Orleans' placement hint.</summary>
    private static async Task<IPrincipalGrain> ActivateOnAsync(InProcessServer server, string principalId, SiloAddress silo)
    {
        var grain = server.Services.GetRequiredService<IGrainFactory>().GetGrain<IPrincipalGrain>(principalId);
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo);
        try
        {
            await grain.GetSnapshotAsync();
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }

        return grain;
    }

    private static bool IsBelow(Activity span, Activity ancestor, IReadOnlyCollection<Activity> trace)
    {
        var bySpanId = trace.ToDictionary(each => each.SpanId);
        for (var current = span; bySpanId.TryGetValue(current.ParentSpanId, out var parent); current = parent)
        {
            if (parent.SpanId == ancestor.SpanId)
            {
                return true;
            }
        }

        return false;
    }

    private static void AssertNoSecretAnywhere(TracedCluster cluster, string token)
    {
        var secrets = new List<string> { token, token.Split('.')[2], TestTokens.Secret };
        foreach (var issued in cluster.Sts.Issued)
        {
            secrets.Add(issued.SecretAccessKey);
            secrets.Add(issued.SessionToken);
        }

        Assert.NotEmpty(cluster.Sts.Issued);
        var texts = new List<string>();
        foreach (var span in cluster.Spans.Snapshot())
        {
            texts.Add(span.DisplayName);
            texts.Add(span.StatusDescription ?? string.Empty);
            texts.AddRange(span.TagObjects.Select(tag => $"{tag.Key}={tag.Value}"));
            texts.AddRange(span.Events.SelectMany(e => e.Tags.Select(tag => $"{e.Name}:{tag.Key}={tag.Value}")));
            texts.AddRange(span.Baggage.Select(item => $"{item.Key}={item.Value}"));
        }

        foreach (var metric in cluster.Metrics.Snapshot())
        {
            texts.Add(metric.Name);
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                foreach (var tag in point.Tags)
                {
                    texts.Add($"{tag.Key}={tag.Value}");
                }
            }
        }

        Assert.NotEmpty(texts);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(texts, text => text.Contains(secret, StringComparison.Ordinal));
        }

        // What reached the collector over the wire too.
        var wire = cluster.Receiver.Posts.Select(post => System.Text.Encoding.UTF8.GetString(post.Body)).ToArray();
        Assert.NotEmpty(wire);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(wire, text => text.Contains(secret, StringComparison.Ordinal));
        }
    }

    private static void AssertMetersExported(TracedCluster cluster)
    {
        var meters = cluster.Metrics.Snapshot().Select(metric => metric.MeterName).Distinct().ToArray();

        Assert.Contains(QuiltMcpMetrics.MeterName, meters);
        Assert.Contains(TelemetrySources.ModelContextProtocol, meters);
        Assert.Contains(TelemetrySources.OrleansMeter, meters);
        Assert.Contains("Microsoft.AspNetCore.Hosting", meters);
        Assert.Contains("System.Runtime", meters);
    }
}
