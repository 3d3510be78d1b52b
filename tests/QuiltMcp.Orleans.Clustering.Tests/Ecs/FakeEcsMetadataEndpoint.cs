using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace QuiltMcp.Orleans.Clustering.Tests.Ecs;

/// <summary>
/// Serves a task metadata v4 document on loopback the way the ECS agent does (<c>GET {base}/task</c>),
/// and counts how often it was asked.
/// </summary>
public sealed class FakeEcsMetadataEndpoint : IAsyncDisposable
{
    private const string ContainerPath = "/v4/0c9a6a3e-container-id";

    private LoopbackEndpoint _endpoint = null!;
    private int _requests;

    /// <summary>What <c>ECS_CONTAINER_METADATA_URI_V4</c> would hold: a per-container path under the agent's address.</summary>
    public string BaseUri => new Uri(_endpoint.Url, ContainerPath).ToString();

    public int Requests => Volatile.Read(ref _requests);

    public static async Task<FakeEcsMetadataEndpoint> StartAsync(string taskDocument, int statusCode = StatusCodes.Status200OK)
    {
        var endpoint = new FakeEcsMetadataEndpoint();
        endpoint._endpoint = await LoopbackEndpoint.StartAsync(app => app.MapGet(ContainerPath + "/task", () =>
        {
            Interlocked.Increment(ref endpoint._requests);
            return Results.Text(taskDocument, "application/json", statusCode: statusCode);
        }));
        return endpoint;
    }

    public ValueTask DisposeAsync() => _endpoint.DisposeAsync();
}
