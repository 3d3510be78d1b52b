using System.Diagnostics;
using ModelContextProtocol.Client;
using QuiltMcp.Orleans.S3Tools.Tests.Support;
using Xunit.Abstractions;

namespace QuiltMcp.Orleans.S3Tools.Tests.Http;

/// <summary>
/// S3 answering 500/503, hanging, or stalling mid-body, seen through the real server and the real S3 client: bounded
/// retries (3 attempts), tool errors naming the S3 error, a deadline per S3 request that a client's cancellation
/// shortens, and other tools staying fast while many S3 calls hang.
/// </summary>
public sealed class S3FailureTests(FaultyS3Server fixture, ITestOutputHelper output) : IClassFixture<FaultyS3Server>
{
    private const string Key = "data/a.txt";

    [Fact]
    public async Task S3_answering_503_is_tried_three_times_then_named_in_a_tool_error()
    {
        var bucket = await BucketAsync("slow-down");
        await using var client = await fixture.ConnectReaderAsync("s3-503", bucket);
        using var fault = fixture.Proxy.Inject(bucket, S3Fault.SlowDown());
        var clock = Stopwatch.StartNew();

        var error = await ToolCall.ErrorAsync(client, "bucket_object_text", new { s3_uri = $"s3://{bucket}/{Key}" });

        output.WriteLine($"503 SlowDown on every request: tool error after {clock.Elapsed.TotalSeconds:F2} s and {Attempts(bucket)} attempts");
        Assert.Equal($"S3 failed on s3://{bucket}/{Key} (SlowDown, HTTP 503), also when tried again; try again later.", error);
        Assert.Equal(FaultyS3Server.MaxAttempts, Attempts(bucket));
        Assert.True(clock.Elapsed < FaultyS3Server.CallTimeout, $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_500_that_clears_up_within_the_attempts_is_absorbed()
    {
        var bucket = await BucketAsync("internal-error");
        await using var client = await fixture.ConnectReaderAsync("s3-500", bucket);
        using var fault = fixture.Proxy.Inject(bucket, S3Fault.InternalError(times: 2));

        var text = await ToolCall.JsonAsync(client, "bucket_object_text", new { s3_uri = $"s3://{bucket}/{Key}" });

        Assert.Equal("hello", text.GetProperty("text").GetString());
        Assert.Equal(3, Attempts(bucket));
    }

    [Fact]
    public async Task A_hanging_s3_is_cut_off_at_the_call_timeout_with_a_tool_error_saying_so()
    {
        var bucket = await BucketAsync("hanging");
        await using var client = await fixture.ConnectReaderAsync("s3-hang", bucket);
        using var fault = fixture.Proxy.Inject(bucket, S3Fault.Hang());
        var clock = Stopwatch.StartNew();

        var error = await ToolCall.ErrorAsync(client, "bucket_object_info", new { s3_uri = $"s3://{bucket}/{Key}" });

        output.WriteLine($"S3 never answering: tool error after {clock.Elapsed.TotalSeconds:F2} s ({Attempts(bucket)} attempts, S3:CallTimeout {FaultyS3Server.CallTimeout.TotalSeconds:F0} s): {error}");
        Assert.StartsWith($"S3 did not answer in time for s3://{bucket}/{Key} (Timeout: ", error, StringComparison.Ordinal);
        Assert.EndsWith("); try again later.", error, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, FaultyS3Server.CallTimeout - TimeSpan.FromMilliseconds(500), FaultyS3Server.CallTimeout + TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task An_attempt_that_gets_no_answer_is_abandoned_and_tried_again()
    {
        var bucket = await BucketAsync("stuck-once");
        await using var client = await fixture.ConnectReaderAsync("s3-stuck", bucket);
        using var fault = fixture.Proxy.Inject(bucket, S3Fault.Hang(times: 1));
        var clock = Stopwatch.StartNew();

        var info = await ToolCall.JsonAsync(client, "bucket_object_info", new { s3_uri = $"s3://{bucket}/{Key}" });

        Assert.Equal(5, info.GetProperty("size").GetInt64());
        Assert.Equal(2, Attempts(bucket));
        Assert.True(clock.Elapsed >= FaultyS3Server.AttemptTimeout, $"answered after {clock.Elapsed}, before the first attempt could time out");
        await Eventually.TrueAsync(() => fixture.Proxy.Aborted.Any(request => request.Bucket == bucket), TimeSpan.FromSeconds(10), "the stuck attempt abandoned");
    }

    [Fact]
    public async Task A_body_that_stops_arriving_is_cut_off_with_a_tool_error_saying_so()
    {
        var bucket = await BucketAsync("stalling");
        await fixture.S3.PutAsync(bucket, "big.bin", new byte[64 * 1024]);
        await using var client = await fixture.ConnectReaderAsync("s3-stall", bucket);
        using var fault = fixture.Proxy.Inject(bucket, new S3Fault { StallBodyAfterBytes = 1024 });
        var clock = Stopwatch.StartNew();

        var error = await ToolCall.ErrorAsync(client, "bucket_object_fetch", new { s3_uri = $"s3://{bucket}/big.bin" });

        output.WriteLine($"Body stalled after 1 KiB: tool error after {clock.Elapsed.TotalSeconds:F2} s");
        Assert.Equal($"S3 did not answer in time for s3://{bucket}/big.bin (Timeout: the object's content stopped arriving for 2 s); try again later.", error);
        Assert.InRange(clock.Elapsed, FaultyS3Server.AttemptTimeout, FaultyS3Server.AttemptTimeout + TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task A_client_that_cancels_its_tool_call_cancels_the_s3_request()
    {
        var bucket = await BucketAsync("cancelled");
        var token = Principals.Token("s3-cancel", "quilt:read", [bucket], Principals.ReadActions);
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseUri };
        var session = await RawMcp.InitializeAsync(http, token);
        using var fault = fixture.Proxy.Inject(bucket, S3Fault.Hang());

        using var call = await RawMcp.StartToolCallAsync(http, token, session, id: 42, "bucket_object_info", $"{{\"s3_uri\":\"s3://{bucket}/{Key}\"}}");
        await Eventually.TrueAsync(() => Attempts(bucket) == 1, TimeSpan.FromSeconds(10), "the S3 request reaching S3");
        var clock = Stopwatch.StartNew();
        await RawMcp.CancelAsync(http, token, session, requestId: 42);
        await Eventually.TrueAsync(() => fixture.Proxy.Aborted.Any(request => request.Bucket == bucket), TimeSpan.FromSeconds(10), "the S3 request aborted");
        var abortedAfter = clock.Elapsed;

        // A timed-out attempt would be tried again; a cancelled call is not.
        await Task.Delay(FaultyS3Server.AttemptTimeout + TimeSpan.FromSeconds(1));
        output.WriteLine($"Client cancelled (notifications/cancelled): S3 request aborted {abortedAfter.TotalSeconds:F2} s later; attempts {Attempts(bucket)}");
        Assert.Equal(1, Attempts(bucket));
        Assert.True(abortedAfter < FaultyS3Server.AttemptTimeout, $"aborted only after {abortedAfter}");
    }

    [Fact]
    public async Task A_stateless_client_that_closes_its_request_cancels_the_s3_request()
    {
        var bucket = await BucketAsync("closed");
        var token = Principals.Token("s3-close", "quilt:read", [bucket], Principals.ReadActions);
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseUri };
        using var fault = fixture.Proxy.Inject(bucket, S3Fault.Hang());

        using var close = new CancellationTokenSource();
        var call = RawMcp.StartToolCallAsync(http, token, session: null, id: 7, "bucket_object_info", $"{{\"s3_uri\":\"s3://{bucket}/{Key}\"}}", close.Token);
        await Eventually.TrueAsync(() => Attempts(bucket) == 1, TimeSpan.FromSeconds(10), "the S3 request reaching S3");
        var clock = Stopwatch.StartNew();
        await close.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        await Eventually.TrueAsync(() => fixture.Proxy.Aborted.Any(request => request.Bucket == bucket), TimeSpan.FromSeconds(10), "the S3 request aborted");
        var abortedAfter = clock.Elapsed;

        await Task.Delay(FaultyS3Server.AttemptTimeout + TimeSpan.FromSeconds(1));
        output.WriteLine($"Stateless client closed its request: S3 request aborted {abortedAfter.TotalSeconds:F2} s later; attempts {Attempts(bucket)}");
        Assert.Equal(1, Attempts(bucket));
        Assert.True(abortedAfter < FaultyS3Server.AttemptTimeout, $"aborted only after {abortedAfter}");
    }

    [Fact]
    public async Task Fifty_hanging_s3_calls_leave_other_tools_fast_and_all_end_at_the_call_timeout()
    {
        const int Hanging = 50;
        var bucket = await BucketAsync("fifty");
        var clients = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => fixture.ConnectReaderAsync($"s3-fifty-{i}", bucket)));
        await using var bystander = await fixture.ConnectReaderAsync("s3-bystander", bucket);
        await ToolCall.JsonAsync(bystander, "auth_status", new { });
        using var fault = fixture.Proxy.Inject(bucket, S3Fault.Hang());
        var clock = Stopwatch.StartNew();

        var hanging = Enumerable.Range(0, Hanging).Select(async i =>
        {
            var error = await ToolCall.ErrorAsync(clients[i % clients.Length], "bucket_object_info", new { s3_uri = $"s3://{bucket}/{Key}" });
            return (Error: error, Elapsed: clock.Elapsed);
        }).ToArray();
        await Eventually.TrueAsync(() => Attempts(bucket) >= Hanging, TimeSpan.FromSeconds(10), "all 50 S3 requests held");

        var statusTimes = new List<TimeSpan>();
        while (clock.Elapsed < FaultyS3Server.CallTimeout - TimeSpan.FromSeconds(1))
        {
            var call = Stopwatch.StartNew();
            var status = await ToolCall.JsonAsync(bystander, "auth_status", new { });
            statusTimes.Add(call.Elapsed);
            Assert.Equal("web-jwt", status.GetProperty("environment").GetString());
        }

        var ended = await Task.WhenAll(hanging);
        output.WriteLine($"{Hanging} S3 calls hanging: {statusTimes.Count} auth_status calls meanwhile, longest {statusTimes.Max().TotalSeconds:F3} s; "
            + $"the {Hanging} tool calls ended with a timeout error after {ended.Min(e => e.Elapsed).TotalSeconds:F2}–{ended.Max(e => e.Elapsed).TotalSeconds:F2} s");
        Assert.True(statusTimes.Count >= 3, $"only {statusTimes.Count} auth_status calls fitted");
        Assert.True(statusTimes.Max() < TimeSpan.FromSeconds(1), $"auth_status took up to {statusTimes.Max()} while S3 hung");
        Assert.All(ended, e => Assert.StartsWith($"S3 did not answer in time for s3://{bucket}/{Key} (Timeout: ", e.Error, StringComparison.Ordinal));
        Assert.True(ended.Max(e => e.Elapsed) < FaultyS3Server.CallTimeout + TimeSpan.FromSeconds(4), $"the last hanging call ended after {ended.Max(e => e.Elapsed)}");
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    /// <summary>A bucket of this test's own with one 5-byte object, seeded straight into s3rver (not through the proxy).</summary>
    private async Task<string> BucketAsync(string name)
    {
        var bucket = $"{name}-{Guid.NewGuid():N}"[..Math.Min(name.Length + 9, 63)];
        await fixture.S3.CreateBucketAsync(bucket);
        await fixture.S3.PutTextAsync(bucket, Key, "hello");
        return bucket;
    }

    private int Attempts(string bucket) => fixture.S3.RequestsFor(bucket).Count;
}
