using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace QuiltMcp.Orleans.Testing.Hosting;

/// <summary>
/// Keeps many MCP sessions busy on a server that holds only a few of them in memory, so that it closes sessions while
/// calls for them are in flight. Workers post one call at a time each, on sessions picked at random, until the time
/// limit or until the test has seen enough; every call's outcome is kept. A call succeeds when it gets 200 and a
/// JSON-RPC result that is not a tool error.
/// </summary>
public sealed class SessionChurn(HttpClient http, IReadOnlyList<string> sessions)
{
    private readonly ConcurrentDictionary<string, int> _failed = new(StringComparer.Ordinal);
    private int _calls;

    /// <summary>Calls sent so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Calls that failed so far, all of them or those with one label.</summary>
    public int Failed(string? label = null) => label is null ? _failed.Values.Sum() : _failed.GetValueOrDefault(label);

    /// <summary>Opens <paramref name="count"/> sessions with the initialize handshake.</summary>
    public static async Task<IReadOnlyList<string>> OpenSessionsAsync(HttpClient http, string? token, int count)
    {
        var opened = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            opened.Add(await McpHttp.OpenSessionAsync(http, token));
        }

        return opened;
    }

    /// <summary>The failures grouped by how they ended, most frequent first: "12 × broken stream (…), 3 × HTTP 500".</summary>
    public static string Describe(IEnumerable<ChurnCall> calls) =>
        string.Join(", ", calls.Where(call => !call.Succeeded).GroupBy(call => call.Outcome)
            .OrderByDescending(group => group.Count()).Select(group => $"{group.Count()} × {group.Key}"));

    /// <summary>
    /// Sends <paramref name="nextCall"/>(n) as call n from <paramref name="workers"/> loops until
    /// <paramref name="limit"/> has passed or <paramref name="enough"/> says so.
    /// </summary>
    public async Task<IReadOnlyList<ChurnCall>> RunAsync(Func<int, ChurnRequest> nextCall, TimeSpan limit, Func<bool> enough, int workers = 8)
    {
        var calls = new ConcurrentQueue<ChurnCall>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
        {
            var random = new Random(worker);
            while (clock.Elapsed < limit && !enough())
            {
                var number = Interlocked.Increment(ref _calls);
                var request = nextCall(number);
                var call = await SendAsync(sessions[random.Next(sessions.Count)], number, request);
                if (!call.Succeeded)
                {
                    _failed.AddOrUpdate(call.Label, 1, (_, count) => count + 1);
                }

                calls.Enqueue(call);
            }
        }));

        return calls.ToArray();
    }

    private async Task<ChurnCall> SendAsync(string session, int number, ChurnRequest request)
    {
        try
        {
            using var response = await McpHttp.PostAsync(http, request.Body, request.Token, session, request.Headers);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new ChurnCall(number, request.Label, false, $"HTTP {(int)response.StatusCode}");
            }

            var answer = await McpHttp.ReadJsonRpcAsync(response);
            if (!answer.TryGetProperty("result", out var result))
            {
                return new ChurnCall(number, request.Label, false, $"JSON-RPC error {answer.GetProperty("error").GetProperty("code").GetInt32()}");
            }

            return result.TryGetProperty("isError", out var isError) && isError.GetBoolean()
                ? new ChurnCall(number, request.Label, false, $"tool error: {result.GetProperty("content")[0].GetProperty("text").GetString()}")
                : new ChurnCall(number, request.Label, true, "ok");
        }
        catch (HttpRequestException failure)
        {
            // The server gave up on the request after its answer began: the stream breaks off.
            return new ChurnCall(number, request.Label, false, $"broken stream ({failure.Message})");
        }
        catch (JsonException)
        {
            return new ChurnCall(number, request.Label, false, "answer cut short");
        }
    }
}
