using System.Text.Json;
using QuiltMcp.Orleans.Bench.Load.Mcp;

namespace QuiltMcp.Orleans.Bench.Load.Scenarios;

/// <summary>
/// Proves the processes formed one cluster rather than several lone silos: the same principal asked through every
/// endpoint must be served by the same grain activation (get_user_info reports the silo that hosts it).
/// </summary>
public static class ClusterCheck
{
    public static async Task<string> DescribeAsync(IReadOnlyList<Uri> endpoints, string authorization)
    {
        using var http = McpWire.CreateClient(4);
        var silos = new List<string>();
        foreach (var endpoint in endpoints)
        {
            using var request = McpWire.StatelessToolCall(endpoint, authorization, "get_user_info", "{}", 1);
            using var response = await http.SendAsync(request);
            silos.Add(ServedBy(await response.Content.ReadAsStringAsync()) ?? $"unknown (HTTP {(int)response.StatusCode})");
        }

        var verdict = silos.Distinct().Count() == 1 ? "one activation" : "DIFFERENT activations (not one cluster?)";
        return $"principal grain served by {string.Join(" | ", silos)}: {verdict}";
    }

    /// <summary>The tool result is JSON text inside the JSON-RPC result, inside an SSE event (or plain JSON).</summary>
    private static string? ServedBy(string body)
    {
        var json = string.Concat(body.Split('\n')
            .Where(line => line.StartsWith("data:", StringComparison.Ordinal))
            .Select(line => line[5..]));
        try
        {
            using var message = JsonDocument.Parse(json.Length > 0 ? json : body);
            var text = message.RootElement.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString();
            using var info = JsonDocument.Parse(text ?? "{}");
            return info.RootElement.TryGetProperty("served_by", out var servedBy) ? servedBy.GetString() : null;
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
