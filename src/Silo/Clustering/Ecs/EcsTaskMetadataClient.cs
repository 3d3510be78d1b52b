using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace QuiltMcp.Orleans.Silo.Clustering.Ecs;

/// <summary>
/// Reads this task's awsvpc address from the ECS task metadata endpoint v4 (<c>GET {base}/task</c>):
/// <c>Containers[].Networks[]</c> with <c>NetworkMode</c> <c>awsvpc</c>, first of <c>IPv4Addresses</c>.
/// That is the ENI address other tasks can reach, unlike the link-local interface Fargate also gives the container.
/// </summary>
public sealed class EcsTaskMetadataClient(HttpClient httpClient)
{
    /// <summary>Set by the ECS agent in every container of a task (EC2 and Fargate, platform 1.4+).</summary>
    public const string EnvironmentVariable = "ECS_CONTAINER_METADATA_URI_V4";

    public async Task<IPAddress> GetTaskIPv4AddressAsync(Uri metadataBaseUri, CancellationToken cancellationToken)
    {
        var taskUri = new Uri(metadataBaseUri.AbsoluteUri.TrimEnd('/') + "/task");
        using var response = await httpClient.GetAsync(taskUri, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return FindAwsvpcAddress(document.RootElement)
            ?? throw new InvalidOperationException($"The ECS task metadata at {taskUri} lists no awsvpc network with an IPv4 address; is the task using awsvpc networking?");
    }

    private static IPAddress? FindAwsvpcAddress(JsonElement task)
    {
        foreach (var container in Array(task, "Containers"))
        {
            foreach (var network in Array(container, "Networks"))
            {
                if (!network.TryGetProperty("NetworkMode", out var mode) || mode.GetString() != "awsvpc")
                {
                    continue;
                }

                var first = Array(network, "IPv4Addresses").FirstOrDefault();
                if (first.ValueKind == JsonValueKind.String
                    && IPAddress.TryParse(first.GetString(), out var address)
                    && address.AddressFamily == AddressFamily.InterNetwork)
                {
                    return address;
                }
            }
        }

        return null;
    }

    private static IEnumerable<JsonElement> Array(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray()
            : [];
}
