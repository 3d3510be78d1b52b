using Microsoft.IdentityModel.Protocols;

namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>
/// Fetches discovery documents and key sets for <see cref="Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfigurationRetriever"/>.
/// </summary>
/// <remarks>
/// Used instead of the library's <see cref="HttpDocumentRetriever"/> because that one, measured here, kept
/// waiting for a slow issuer after the caller's token was cancelled, and retries some failures on its own,
/// which would blur the fetch bound this server promises.
/// </remarks>
internal sealed class MetadataDocumentRetriever(HttpClient httpClient, bool requireHttps) : IDocumentRetriever
{
    public async Task<string> GetDocumentAsync(string address, CancellationToken cancel)
    {
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && (requireHttps || uri.Scheme != Uri.UriSchemeHttp)))
        {
            throw new InvalidOperationException($"Metadata address '{address}' is not allowed ({(requireHttps ? "https" : "http(s)")} only).");
        }

        using var response = await httpClient.GetAsync(uri, HttpCompletionOption.ResponseContentRead, cancel);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Metadata request to {uri} answered {(int)response.StatusCode}.", null, response.StatusCode);
        }

        return await response.Content.ReadAsStringAsync(cancel);
    }
}
