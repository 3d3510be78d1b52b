namespace QuiltMcp.Orleans.Bench.Micro;

/// <summary>The validator asks a factory for its metadata client; outside a host one plain client is enough.</summary>
internal sealed class DirectHttpClientFactory : IHttpClientFactory, IDisposable
{
    private readonly HttpClientHandler _handler = new() { AllowAutoRedirect = false };

    public HttpClient CreateClient(string name) => new(_handler, disposeHandler: false);

    public void Dispose() => _handler.Dispose();
}
