using System.Diagnostics;
using QuiltMcp.Orleans.S3Tools.Tests.Support;
using Xunit.Abstractions;

namespace QuiltMcp.Orleans.S3Tools.Tests.Http;

/// <summary>
/// The catalog's GraphQL endpoint down (an error status, or no connection) or slow: tools that ask it fail with an
/// error saying which, within Catalog:Timeout, and other tools stay fast while many catalog calls hang.
/// </summary>
public sealed class CatalogFailureTests(CatalogServer fixture, ITestOutputHelper output) : IClassFixture<CatalogServer>
{
    private string Endpoint => fixture.Catalog.GraphQlUrl.ToString();

    [Fact]
    public async Task A_catalog_answering_503_is_named_in_the_tool_error_at_once()
    {
        await using var client = await ConnectAsync("catalog-503");
        fixture.Catalog.AnswerStatus = 503;
        try
        {
            var clock = Stopwatch.StartNew();
            var listing = await ToolCall.ErrorAsync(client, "bucket_list", new { });
            var status = await ToolCall.ErrorAsync(client, "auth_status", new { include_catalog = true });

            Assert.Equal("The Quilt catalog could not list buckets: The catalog answered HTTP 503 (Service Unavailable); try again later.", listing);
            Assert.Equal("The catalog answered HTTP 503 (Service Unavailable); try again later.", status);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        }
        finally
        {
            fixture.Catalog.AnswerStatus = null;
        }
    }

    [Fact]
    public async Task A_catalog_that_drops_the_connection_is_named_unreachable()
    {
        await using var client = await ConnectAsync("catalog-down");
        var before = fixture.Catalog.Requests;
        fixture.Catalog.DropConnections = true;
        try
        {
            var error = await ToolCall.ErrorAsync(client, "bucket_list", new { });

            // What the connection's end is called depends on when the socket saw it; the rest is fixed.
            output.WriteLine(error);
            Assert.StartsWith($"The Quilt catalog could not list buckets: The catalog at {Endpoint} could not be reached (", error, StringComparison.Ordinal);
            Assert.EndsWith("); try again later.", error, StringComparison.Ordinal);
            Assert.Equal(before + 1, fixture.Catalog.Requests);
        }
        finally
        {
            fixture.Catalog.DropConnections = false;
        }
    }

    [Fact]
    public async Task A_slow_catalog_is_waited_for_up_to_the_timeout_and_then_named_in_the_tool_error()
    {
        await using var client = await ConnectAsync("catalog-slow");
        try
        {
            fixture.Catalog.Delay = TimeSpan.FromSeconds(1);
            var slow = await ToolCall.JsonAsync(client, "bucket_list", new { });
            Assert.Equal("catalog", slow.GetProperty("source").GetString());

            fixture.Catalog.Delay = Timeout.InfiniteTimeSpan;
            var clock = Stopwatch.StartNew();
            var error = await ToolCall.ErrorAsync(client, "bucket_list", new { });

            output.WriteLine($"Catalog never answering: tool error after {clock.Elapsed.TotalSeconds:F2} s (Catalog:Timeout {CatalogServer.Timeout.TotalSeconds:F0} s)");
            Assert.Equal($"The Quilt catalog could not list buckets: The catalog at {Endpoint} did not answer within 3 s; try again later.", error);
            Assert.InRange(clock.Elapsed, CatalogServer.Timeout - TimeSpan.FromMilliseconds(200), CatalogServer.Timeout + TimeSpan.FromSeconds(3));
        }
        finally
        {
            fixture.Catalog.Delay = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task Fifty_hanging_catalog_calls_leave_other_tools_fast_and_all_end_at_the_timeout()
    {
        const int Hanging = 50;
        var clients = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => ConnectAsync($"catalog-fifty-{i}")));
        await using var bystander = await ConnectAsync("catalog-bystander");
        await ToolCall.JsonAsync(bystander, "auth_status", new { });
        var before = fixture.Catalog.Requests;
        fixture.Catalog.Delay = Timeout.InfiniteTimeSpan;
        try
        {
            var clock = Stopwatch.StartNew();
            var hanging = Enumerable.Range(0, Hanging).Select(async i =>
            {
                var error = await ToolCall.ErrorAsync(clients[i % clients.Length], "bucket_list", new { });
                return (Error: error, Elapsed: clock.Elapsed);
            }).ToArray();
            await Eventually.TrueAsync(() => fixture.Catalog.Requests - before >= Hanging, TimeSpan.FromSeconds(10), "all 50 catalog requests held");

            var statusTimes = new List<TimeSpan>();
            while (clock.Elapsed < CatalogServer.Timeout - TimeSpan.FromMilliseconds(500))
            {
                var call = Stopwatch.StartNew();
                await ToolCall.JsonAsync(bystander, "auth_status", new { });
                statusTimes.Add(call.Elapsed);
            }

            var ended = await Task.WhenAll(hanging);
            output.WriteLine($"{Hanging} catalog calls hanging: {statusTimes.Count} auth_status calls meanwhile, longest {statusTimes.Max().TotalSeconds:F3} s; "
                + $"the {Hanging} tool calls ended with a timeout error after {ended.Min(e => e.Elapsed).TotalSeconds:F2}–{ended.Max(e => e.Elapsed).TotalSeconds:F2} s");
            Assert.True(statusTimes.Count >= 3, $"only {statusTimes.Count} auth_status calls fitted");
            Assert.True(statusTimes.Max() < TimeSpan.FromSeconds(1), $"auth_status took up to {statusTimes.Max()} while the catalog hung");
            Assert.All(ended, e => Assert.Equal($"The Quilt catalog could not list buckets: The catalog at {Endpoint} did not answer within 3 s; try again later.", e.Error));
            Assert.True(ended.Max(e => e.Elapsed) < CatalogServer.Timeout + TimeSpan.FromSeconds(4), $"the last hanging call ended after {ended.Max(e => e.Elapsed)}");
        }
        finally
        {
            fixture.Catalog.Delay = TimeSpan.Zero;
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    private Task<ModelContextProtocol.Client.McpClient> ConnectAsync(string subject) =>
        Mcp.ConnectAsync(fixture.Server.McpUri, Mcp.SessionProtocol, TestTokens.BearerHeader(Principals.Token(subject, "quilt:read", [])));
}
