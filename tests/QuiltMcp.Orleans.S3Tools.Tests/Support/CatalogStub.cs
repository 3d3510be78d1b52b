using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using QuiltMcp.Orleans.Tests.Shared;

namespace QuiltMcp.Orleans.S3Tools.Tests.Support;

/// <summary>
/// A Quilt catalog GraphQL endpoint answering <c>bucketConfigs</c> (or the error set in <see cref="Error"/>), recording
/// the bearer token of every query it receives so tests can count catalog requests.
/// </summary>
public sealed class CatalogStub : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _tokens = new();
    private WebApplication _app = null!;

    public string GraphQlUrl => _app.Urls.Single() + "/graphql";

    /// <summary>The bearer token of each query, in arrival order.</summary>
    public IReadOnlyList<string> Tokens => _tokens.ToArray();

    /// <summary>When set, every query is answered with this GraphQL error.</summary>
    public string? Error { get; set; }

    public static async Task<CatalogStub> StartAsync()
    {
        var stub = new CatalogStub();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Next()}");
        builder.Logging.ClearProviders();
        stub._app = builder.Build();
        stub._app.MapPost("/graphql", stub.AnswerAsync);
        await stub._app.StartAsync();
        return stub;
    }

    private async Task AnswerAsync(HttpContext context)
    {
        _tokens.Enqueue(context.Request.Headers.Authorization.ToString()["Bearer ".Length..]);
        using var query = await JsonDocument.ParseAsync(context.Request.Body);
        Assert.Contains("bucketConfigs", query.RootElement.GetProperty("query").GetString());
        await (Error is { } error
            ? Results.Json(new { errors = new[] { new { message = error } } })
            : Results.Json(new { data = new { bucketConfigs = new[] { new { name = "quilt-example", title = "Example", description = "demo" } } } }))
            .ExecuteAsync(context);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
