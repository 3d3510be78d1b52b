using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using QuiltMcp.Orleans.Testing.Hosting;

namespace QuiltMcp.Orleans.Testing.Catalog;

/// <summary>
/// A local Quilt catalog GraphQL endpoint (JSON <c>{"query": …}</c> POSTed to <c>/graphql</c> with a bearer token,
/// <c>{"data": …}</c> or <c>{"errors": […]}</c> back). It answers <c>me</c> with the subject of whatever bearer token
/// arrived (so a caller can tell whose token was sent) and <c>bucketConfigs</c> with one fixed bucket; any other
/// query gets a GraphQL error, a request without a bearer token a 401. It counts every request and records every token.
/// </summary>
public sealed class FakeCatalog : IAsyncDisposable
{
    /// <summary>The one bucket <c>bucketConfigs</c> lists.</summary>
    public const string BucketName = "quilt-example";

    private readonly ConcurrentQueue<string> _tokens = new();
    private LoopbackEndpoint _endpoint = null!;
    private int _requests;

    public Uri GraphQlUrl => new(_endpoint.Url, "/graphql");

    /// <summary>Every request that reached the endpoint, with a token or without.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The bearer token of each query, in arrival order.</summary>
    public IReadOnlyList<string> Tokens => _tokens.ToArray();

    /// <summary>When set, every query is answered with this GraphQL error.</summary>
    public string? Error { get; set; }

    public static async Task<FakeCatalog> StartAsync()
    {
        var catalog = new FakeCatalog();
        catalog._endpoint = await LoopbackEndpoint.StartAsync(app =>
            app.MapPost("/graphql", async context => await (await catalog.AnswerAsync(context)).ExecuteAsync(context)));
        return catalog;
    }

    private async Task<IResult> AnswerAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return Results.Unauthorized();
        }

        var token = authorization["Bearer ".Length..];
        _tokens.Enqueue(token);
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var query = body.RootElement.GetProperty("query").GetString() ?? "";
        if (Error is not null)
        {
            return Errors(Error);
        }

        if (query.Contains("bucketConfigs", StringComparison.Ordinal))
        {
            return Results.Json(new { data = new { bucketConfigs = new[] { new { name = BucketName, title = "Example", description = "demo" } } } });
        }

        if (query.Contains("me {", StringComparison.Ordinal))
        {
            var subject = SubjectOf(token);
            return Results.Json(new { data = new { me = new { name = subject, email = $"{subject}@example.com", isAdmin = false, role = new { name = "Reader" } } } });
        }

        return Errors($"This fake catalog answers only 'me' and 'bucketConfigs', not: {query}");
    }

    private static IResult Errors(string message) => Results.Json(new { errors = new[] { new { message } } });

    /// <summary>The token's unverified <c>sub</c>: enough for a fake to say whose token it got.</summary>
    private static string SubjectOf(string token)
    {
        var parts = token.Split('.');
        return parts.Length == 3
            ? JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement.GetProperty("sub").GetString() ?? ""
            : token;
    }

    public ValueTask DisposeAsync() => _endpoint.DisposeAsync();
}
