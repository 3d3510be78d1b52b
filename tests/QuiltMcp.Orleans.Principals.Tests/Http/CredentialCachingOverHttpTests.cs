using QuiltMcp.Orleans.Api.Tools;
using QuiltMcp.Orleans.Principals.Tests.Support;
using Xunit.Abstractions;

namespace QuiltMcp.Orleans.Principals.Tests.Http;

public sealed class CredentialCachingOverHttpTests(HttpServerFixture fixture, ITestOutputHelper output) : IClassFixture<HttpServerFixture>
{
    [Fact]
    public async Task Ten_thousand_tool_calls_from_100_principals_in_their_own_roles_cost_exactly_100_sts_calls()
    {
        const int Principals = 100;
        const int CallsEach = 100;
        var run = Guid.NewGuid().ToString("N")[..8];
        var principals = Enumerable.Range(0, Principals).Select(i =>
        {
            var role = FakeSts.RoleArn($"load-{run}-{i:D3}");
            return (Subject: $"load-{run}-{i:D3}", Role: role, Token: TestTokens.Issue($"load-{run}-{i:D3}", roleArn: role));
        }).ToArray();
        using var metrics = new MetricRecorder(fixture.Server.Services);
        var mismatches = 0;

        await Parallel.ForEachAsync(
            Enumerable.Range(0, Principals * CallsEach),
            new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (call, _) =>
            {
                var principal = principals[call % Principals];
                var reply = await McpCalls.CallAsync(fixture.Server.Http, AuthTools.AwsIdentityName, principal.Token, id: call);
                var identity = reply.Json;
                if (identity.GetProperty("role_arn").GetString() != principal.Role
                    || identity.GetProperty("subject").GetString() != principal.Subject)
                {
                    Interlocked.Increment(ref mismatches);
                }
            });

        var roles = principals.Select(p => p.Role).ToHashSet(StringComparer.Ordinal);
        var stsCalls = fixture.Sts.Calls.Count(call => roles.Contains(call.RoleArn));
        // Throughput is the benchmark's to measure (bench/), not a test's.
        output.WriteLine($"{Principals * CallsEach} calls: {stsCalls} AssumeRole calls");
        Assert.Equal(0, mismatches);
        Assert.Equal(Principals, stsCalls);
        Assert.Equal(roles.Count, fixture.Sts.Calls.Where(call => roles.Contains(call.RoleArn)).Select(call => call.RoleArn).Distinct().Count());
        Assert.Equal(Principals * CallsEach - Principals, metrics.Sum("quilt_mcp.credentials.lookups", ("result", "hit")));
        Assert.Equal(Principals, metrics.Sum("quilt_mcp.credentials.lookups", ("result", "miss")));
        Assert.Equal(Principals, metrics.Sum("quilt_mcp.sts.role_assumptions", ("outcome", "success")));
        Assert.Equal(Principals * CallsEach, metrics.Sum("quilt_mcp.tool.calls", ("tool", AuthTools.AwsIdentityName), ("outcome", "success")));
        Assert.Equal(Principals * CallsEach, metrics.Sum("quilt_mcp.auth.decisions", ("kind", "tool"), ("decision", "allowed")));
    }
}
