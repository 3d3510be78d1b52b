using Amazon.Runtime;
using Amazon.S3;
using QuiltMcp.Orleans.Bench.Load.Hosting;
using QuiltMcp.Orleans.Bench.Load.Load;
using QuiltMcp.Orleans.Bench.Load.Mcp;
using QuiltMcp.Orleans.Bench.Load.Results;
using QuiltMcp.Orleans.Testing.Aws.S3;
using QuiltMcp.Orleans.Testing.Aws.Sts;
using QuiltMcp.Orleans.Testing.Processes;

namespace QuiltMcp.Orleans.Bench.Load.Scenarios;

/// <summary>
/// The server's own added latency on a data tool with warm credentials: <c>tools/call bucket_object_info</c> on
/// quilt-mcp (sessions, one principal whose role the grain assumed from the STS fake once) against a direct
/// <c>AmazonS3Client.GetObjectMetadataAsync</c> from this process, both on the same s3rver object through the same
/// endpoint, with the same closed loop and concurrency. The two alternate in rounds so machine drift hits both;
/// each is warmed up first, and the reported percentiles are the medians over the rounds.
/// </summary>
public sealed class DataToolScenario(BenchServerStarter starter, LoadSettings settings, int concurrency, int rounds)
{
    public const string Name = "data-tool";

    /// <summary>The server label of the direct SDK run's JSON line.</summary>
    public const string DirectLabel = "direct-s3";

    private const string Bucket = "bench-data";
    private const string Key = "bench/object.txt";
    private const string RoleName = "bench-data-reader";
    private const string Tool = "bucket_object_info";
    private const string ArgumentsJson = "{\"s3_uri\":\"s3://" + Bucket + "/" + Key + "\"}";

    public async Task<IReadOnlyList<RunResult>> RunAsync(ServerKind kind)
    {
        await using var s3 = await S3rverServer.StartAsync();
        await using var sts = await FakeSts.StartAsync();
        s3.AcceptKeysIssuedBy(sts);
        await s3.CreateBucketAsync(Bucket);
        await s3.PutTextAsync(Bucket, Key, "an object whose metadata both sides read");

        await using var server = await starter.StartReadyAsync(kind, DataEnvironment(s3, sts));
        using var http = McpWire.CreateClient(Math.Max(concurrency, 16));
        // The same endpoint quilt-mcp is given (s3rver's recording proxy), signed with s3rver's own keys.
        using var direct = new AmazonS3Client(new BasicAWSCredentials(S3rverServer.AccessKey, S3rverServer.SecretKey), new AmazonS3Config
        {
            ServiceURL = s3.ServiceUrl,
            AuthenticationRegion = "us-east-1",
            ForcePathStyle = true,
        });

        var authorization = BenchTokens.ForDataReader("bench-data-user", Bucket, RoleName, settings.TokenSecret);
        var sessions = await OpenSessionsAsync(http, server.McpUri, authorization);
        await EnsureToolAnswersAsync(http, server.McpUri, authorization, sessions[0]);

        Func<int, long, CancellationToken, Task<bool>> ours = async (worker, n, cancellationToken) =>
        {
            using var request = McpWire.SessionToolCall(server.McpUri, authorization, sessions[worker % sessions.Length], Tool, ArgumentsJson, n + 1);
            using var response = await http.SendAsync(request, cancellationToken);
            return await McpWire.IsResultAsync(response, cancellationToken);
        };
        Func<int, long, CancellationToken, Task<bool>> sdk = async (_, _, cancellationToken) =>
        {
            try
            {
                var metadata = await direct.GetObjectMetadataAsync(Bucket, Key, cancellationToken);
                return metadata.HttpStatusCode == System.Net.HttpStatusCode.OK;
            }
            catch (AmazonServiceException)
            {
                // Counted as an error, as a refused tools/call is on the other side.
                return false;
            }
        };

        await ClosedLoop.RunAsync(concurrency, TimeSpan.Zero, settings.Warmup, settings.MaxRequests, ours);
        await ClosedLoop.RunAsync(concurrency, TimeSpan.Zero, settings.Warmup, settings.MaxRequests, sdk);
        var phase = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(1).Ticks, settings.Duration.Ticks / rounds));
        var oursRounds = new List<LoopOutcome>();
        var directRounds = new List<LoopOutcome>();
        for (var round = 0; round < rounds; round++)
        {
            oursRounds.Add(await ClosedLoop.RunAsync(concurrency, TimeSpan.Zero, phase, settings.MaxRequests, ours));
            directRounds.Add(await ClosedLoop.RunAsync(concurrency, TimeSpan.Zero, phase, settings.MaxRequests, sdk));
        }

        var oursResult = Merge(oursRounds, Report.Label(kind), "session", server.RssKb);
        var directResult = Merge(directRounds, DirectLabel, null, null);
        var note = $"{rounds} alternating rounds of {phase.TotalSeconds:0.#}s, medians of the rounds; {Tool} on s3://{Bucket}/{Key} vs GetObjectMetadataAsync, "
            + $"STS AssumeRole calls: {sts.Calls.Count}";
        return
        [
            oursResult with
            {
                DirectP50Ms = directResult.P50Ms,
                DirectP90Ms = directResult.P90Ms,
                DirectP99Ms = directResult.P99Ms,
                AddedP50Ms = oursResult.P50Ms is { } oursP50 && directResult.P50Ms is { } directP50 ? Math.Round(oursP50 - directP50, 3) : null,
                Gc = GcModeProbe.Describe(server.Process.Id),
                Note = note,
            },
            directResult with { Note = $"AWS SDK from the harness process, paired with {Report.Label(kind)}; " + note },
        ];
    }

    /// <summary>What tests give a server that reaches S3 through s3rver with roles from the STS fake, as environment variables.</summary>
    private static Dictionary<string, string?> DataEnvironment(S3rverServer s3, FakeSts sts) => new()
    {
        ["Aws__Region"] = "us-east-1",
        ["Aws__StsServiceUrl"] = sts.Url.ToString(),
        ["S3__ServiceUrl"] = s3.ServiceUrl,
        ["S3__ForcePathStyle"] = "true",
        ["Roles__AccountId"] = FakeSts.AccountId,
        ["AWS_ACCESS_KEY_ID"] = "test",
        ["AWS_SECRET_ACCESS_KEY"] = "test",
        ["AWS_REGION"] = "us-east-1",
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["Telemetry__EmbeddedMetrics"] = "false",
    };

    /// <summary>One session per worker, all for the one principal: its credentials are warm after the first call.</summary>
    private async Task<string[]> OpenSessionsAsync(HttpClient http, Uri endpoint, string authorization)
    {
        var opener = new McpSessionOpener(http);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        return await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async index =>
            await opener.OpenAsync(endpoint, authorization, timeout.Token)
                ?? throw new InvalidOperationException($"could not open data-tool session {index}: {opener.FirstFailure}")));
    }

    /// <summary>Fails the scenario at once, with the server's answer, if the tool does not read the object (wrong settings).</summary>
    private static async Task EnsureToolAnswersAsync(HttpClient http, Uri endpoint, string authorization, string sessionId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var request = McpWire.SessionToolCall(endpoint, authorization, sessionId, Tool, ArgumentsJson, 1);
        using var response = await http.SendAsync(request, timeout.Token);
        var body = await response.Content.ReadAsStringAsync(timeout.Token);
        if (response.StatusCode != System.Net.HttpStatusCode.OK || !body.Contains("\"result\"", StringComparison.Ordinal)
            || body.Contains("\"isError\":true", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{Tool} did not answer with a result (HTTP {(int)response.StatusCode}): {body[..Math.Min(body.Length, 400)]}");
        }
    }

    private RunResult Merge(List<LoopOutcome> outcomes, string server, string? mode, long? rssKb) => Summary.MedianOf(outcomes
        .Select(outcome => new RunResult
        {
            Scenario = Name,
            Server = server,
            Mode = mode,
            Sessions = mode is null ? null : concurrency,
            Concurrency = concurrency,
            Principals = 1,
            DurationS = Math.Round(outcome.Elapsed.TotalSeconds, 2),
            Requests = outcome.Operations,
            Errors = outcome.Errors,
            Rps = outcome.PerSecond,
            P50Ms = outcome.Latency.P50Ms,
            P90Ms = outcome.Latency.P90Ms,
            P99Ms = outcome.Latency.P99Ms,
            MaxMs = Math.Round(outcome.Latency.MaxMs, 3),
            RssKb = rssKb,
            FirstError = outcome.FirstError,
        }).ToList())! with
    {
        DurationS = Math.Round(outcomes.Sum(outcome => outcome.Elapsed.TotalSeconds), 2),
        Requests = outcomes.Sum(outcome => outcome.Operations),
        MaxMs = Math.Round(outcomes.Max(outcome => outcome.Latency.MaxMs), 3),
        FirstError = outcomes.Select(outcome => outcome.FirstError).FirstOrDefault(error => error is not null),
    };
}
