using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace QuiltMcp.Orleans.Clustering.Tests.Ecs;

/// <summary>
/// Serves a task metadata v4 document on loopback the way the ECS agent does (<c>GET {base}/task</c>),
/// and counts how often it was asked.
/// </summary>
public sealed class FakeEcsMetadataEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;

    private FakeEcsMetadataEndpoint(WebApplication app, string baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    /// <summary>What <c>ECS_CONTAINER_METADATA_URI_V4</c> would hold: a per-container path under the agent's address.</summary>
    public string BaseUri { get; }

    public int Requests => _requests;

    public static async Task<FakeEcsMetadataEndpoint> StartAsync(string taskDocument, int statusCode = StatusCodes.Status200OK)
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var endpoint = new FakeEcsMetadataEndpoint(app, $"http://127.0.0.1:{port}/v4/0c9a6a3e-container-id");
        app.MapGet("/v4/0c9a6a3e-container-id/task", (HttpContext context) =>
        {
            Interlocked.Increment(ref endpoint._requests);
            return Results.Text(taskDocument, "application/json", statusCode: statusCode);
        });
        await app.StartAsync();
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
