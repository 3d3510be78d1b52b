using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using QuiltMcp.Orleans.Testing.Hosting;

namespace QuiltMcp.Orleans.Testing.Catalog;

/// <summary>
/// A local Quilt catalog GraphQL endpoint (JSON <c>{"query": …, "variables": …}</c> POSTed to <c>/graphql</c> with a
/// bearer token, <c>{"data": …}</c> and/or <c>{"errors": […]}</c> back). Every query is validated and executed against
/// the catalog's schema (<see cref="CatalogSchema"/>), so a query the real catalog would refuse is refused here too, and
/// an answer has exactly the fields the query selected. By default it answers <c>me</c> with the subject of whatever
/// bearer token arrived (so a caller can tell whose token was sent) and <c>bucketConfigs</c> / <c>bucketConfig</c> with
/// one fixed bucket; tests answer other root fields with <see cref="Answer"/>. Fields the schema marks <c>@admin</c> answer
/// only callers made catalog admins with <see cref="MakeAdmin"/> (a GraphQL error otherwise, as the catalog refuses them),
/// and <c>me.isAdmin</c> says the same. A request without a bearer token gets a 401. It counts every request and records every token and query. It can also be down (an HTTP error status, or
/// connections dropped) or slow (<see cref="Delay"/>).
/// </summary>
public sealed class FakeCatalog : IAsyncDisposable
{
    /// <summary>The one bucket <c>bucketConfigs</c> lists.</summary>
    public const string BucketName = "quilt-example";

    private readonly ConcurrentQueue<string> _tokens = new();
    private readonly ConcurrentQueue<CatalogQuery> _queries = new();
    private readonly ConcurrentDictionary<string, Func<string, CatalogResolver>> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _admins = new(StringComparer.Ordinal);

    /// <summary>Ends every held request when the fake stops, so stopping never waits out a delay.</summary>
    private readonly CancellationTokenSource _stopping = new();
    private LoopbackEndpoint _endpoint = null!;
    private int _requests;

    public Uri GraphQlUrl => new(_endpoint.Url, "/graphql");

    /// <summary>Every request that reached the endpoint, with a token or without.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>The bearer token of each query, in arrival order.</summary>
    public IReadOnlyList<string> Tokens => _tokens.ToArray();

    /// <summary>Every GraphQL request that carried a bearer token, in arrival order.</summary>
    public IReadOnlyList<CatalogQuery> Queries => _queries.ToArray();

    /// <summary>Answers the root query field <paramref name="field"/> (e.g. <c>searchPackages</c>) from its arguments.</summary>
    public void Answer(string field, CatalogResolver resolver) => _answers[field] = _ => resolver;

    /// <summary>Answers <paramref name="field"/> depending on the unverified subject of the request's bearer token.</summary>
    public void AnswerPerCaller(string field, Func<string, CatalogResolver> resolverForSubject) => _answers[field] = resolverForSubject;

    /// <summary>The catalog treats the bearer of a token for <paramref name="subject"/> as a catalog admin.</summary>
    public void MakeAdmin(string subject) => _admins[subject] = true;

    /// <summary>Whether the catalog treats <paramref name="subject"/> as a catalog admin.</summary>
    public bool IsAdmin(string subject) => _admins.ContainsKey(subject);

    /// <summary>When set, every query is answered with this GraphQL error.</summary>
    public string? Error { get; set; }

    /// <summary>
    /// When set, every request is answered with this HTTP status and no GraphQL at all, as the load balancer in front
    /// of a catalog that is down answers (502, 503).
    /// </summary>
    public int? AnswerStatus { get; set; }

    /// <summary>When set, every request's connection is dropped without an answer, as when the catalog is unreachable.</summary>
    public bool DropConnections { get; set; }

    /// <summary>How long each request is held before it is answered (a slow catalog); <see cref="Timeout.InfiniteTimeSpan"/> never answers.</summary>
    public TimeSpan Delay { get; set; }

    public static async Task<FakeCatalog> StartAsync()
    {
        var catalog = new FakeCatalog();
        catalog.AnswerPerCaller("me", subject => _ => new
        {
            name = subject,
            email = $"{subject}@example.com",
            isAdmin = catalog.IsAdmin(subject),
            role = new { name = "Reader" },
            roles = new[] { new { name = "Reader" } },
        });
        catalog.Answer("bucketConfigs", _ => new[] { ExampleBucket });
        catalog.Answer("bucketConfig", arguments => Equals(arguments["name"], BucketName) ? ExampleBucket : null);
        catalog._endpoint = await LoopbackEndpoint.StartAsync(app =>
            app.MapPost("/graphql", async context => await (await catalog.AnswerAsync(context)).ExecuteAsync(context)));
        return catalog;
    }

    private async Task<IResult> AnswerAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        if (Delay != TimeSpan.Zero)
        {
            using var held = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
            try
            {
                await Task.Delay(Delay, held.Token);
            }
            catch (OperationCanceledException)
            {
                return Results.Empty;
            }
        }

        if (DropConnections)
        {
            context.Abort();
            return Results.Empty;
        }

        if (AnswerStatus is { } status)
        {
            return Results.StatusCode(status);
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return Results.Unauthorized();
        }

        var token = authorization["Bearer ".Length..];
        _tokens.Enqueue(token);
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var query = body.RootElement.TryGetProperty("query", out var text) ? text.GetString() ?? "" : "";
        var variables = body.RootElement.TryGetProperty("variables", out var values) && values.ValueKind == JsonValueKind.Object
            ? values.GetRawText()
            : null;
        _queries.Enqueue(new CatalogQuery(query, variables));
        if (Error is not null)
        {
            return Errors(Error);
        }

        var subject = SubjectOf(token);
        var root = _answers.ToDictionary(answer => answer.Key, answer => (object?)answer.Value(subject), StringComparer.Ordinal);
        var answer = await CatalogSchema.Catalog.ExecuteAsync(query, variables, root, IsAdmin(subject));
        return Results.Text(answer, "application/json");
    }

    private static readonly object ExampleBucket = new
    {
        name = BucketName,
        title = "Example",
        description = "demo",
        relevanceScore = 0,
        browsable = true,
        tabulatorTables = Array.Empty<object>(),
    };

    private static IResult Errors(string message) => Results.Json(new { errors = new[] { new { message } } });

    /// <summary>The token's unverified <c>sub</c>: enough for a fake to say whose token it got.</summary>
    private static string SubjectOf(string token)
    {
        var parts = token.Split('.');
        return parts.Length == 3
            ? JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement.GetProperty("sub").GetString() ?? ""
            : token;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _endpoint.DisposeAsync();
        _stopping.Dispose();
    }
}
