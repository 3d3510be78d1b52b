using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using QuiltMcp.Orleans.Api.Identity;

namespace QuiltMcp.Orleans.Api.Catalog;

/// <summary>
/// Posts GraphQL queries to the catalog as a caller. The token is read from the caller per call, never cached on the
/// client, so concurrent requests each send their own caller's token over the one shared HTTP connection pool. Each
/// call, its whole answer included (it is read before <c>SendAsync</c> returns), is bounded by <c>Catalog:Timeout</c>;
/// a catalog that is down, unreachable or slow becomes a <see cref="CatalogRequestException"/> saying which, and is
/// not retried (the caller can ask again; a retry would double the wait of every call while the catalog is down).
/// Values that come from a caller travel as GraphQL variables, never spliced into the query text.
/// </summary>
public sealed class CatalogGraphQlEndpoint(HttpClient http, IOptionsMonitor<CatalogOptions> options)
{
    /// <summary>Runs <paramref name="query"/> and returns its <c>data</c> object.</summary>
    /// <exception cref="CatalogRequestException">No catalog or token, an HTTP error, or GraphQL errors.</exception>
    public async Task<JsonElement> QueryAsync(Caller caller, string query, IReadOnlyDictionary<string, object?>? variables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var settings = options.CurrentValue;
        var endpoint = settings.GraphQlUrl ?? throw new CatalogRequestException(
            "No catalog is configured (Catalog:GraphQlUrl, QUILT_REGISTRY_URL or QUILT_CATALOG_URL).");
        var token = TokenOf(caller, settings) ?? throw new CatalogRequestException(
            "This request has no bearer token to call the catalog with.");

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = variables is null ? JsonContent.Create(new { query }) : JsonContent.Create(new { query, variables }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CatalogRequestException(string.Create(CultureInfo.InvariantCulture,
                $"The catalog at {endpoint} did not answer within {settings.Timeout.TotalSeconds:0.#} s; try again later."));
        }
        catch (HttpRequestException failure)
        {
            // The kind of failure when HttpClient knows it (ConnectionError, NameResolutionError…), else what the socket said.
            var reason = failure.HttpRequestError == HttpRequestError.Unknown ? failure.GetBaseException().Message : failure.HttpRequestError.ToString();
            throw new CatalogRequestException($"The catalog at {endpoint} could not be reached ({reason}); try again later.");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                // A 5xx is the catalog (or the load balancer in front of it) failing, which passes; a 4xx will not.
                var advice = (int)response.StatusCode >= 500 ? "; try again later" : "";
                throw new CatalogRequestException($"The catalog answered HTTP {(int)response.StatusCode} ({response.ReasonPhrase}){advice}.");
            }

            using var document = await ReadAsync(response, cancellationToken);
            var root = document.RootElement;
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                var messages = errors.EnumerateArray()
                    .Select(error => error.TryGetProperty("message", out var message) ? message.GetString() : null)
                    .Where(message => !string.IsNullOrWhiteSpace(message));
                throw new CatalogRequestException($"The catalog refused the query: {string.Join("; ", messages)}") { QueryRefused = true };
            }

            return root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                ? data.Clone()
                : throw new CatalogRequestException("The catalog's answer has no data.");
        }
    }

    private static async Task<JsonDocument> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            throw new CatalogRequestException("The catalog's answer is not JSON.");
        }
    }

    private static string? TokenOf(Caller caller, CatalogOptions settings)
    {
        if (caller.Credential?.AccessToken is { Length: > 0 } token)
        {
            return token;
        }

        // Only a desktop server may fall back to a configured token: a web request acts strictly as its caller.
        return caller.IsDesktop && !string.IsNullOrWhiteSpace(settings.DesktopAccessToken)
            ? settings.DesktopAccessToken
            : null;
    }
}
