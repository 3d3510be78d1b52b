using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace QuiltMcp.Orleans.Testing.Hosting;

/// <summary>
/// Kestrel on loopback for a fake service's routes: it binds port 0 and reports the port the operating system chose,
/// so no other process can take the port between choosing and binding. No logging; HTTPS when given a certificate.
/// </summary>
public sealed class LoopbackEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackEndpoint(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>Scheme, address and port, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url { get; }

    /// <param name="map">Maps the fake's routes.</param>
    /// <param name="certificate">Serves HTTPS with this certificate instead of plain HTTP.</param>
    /// <param name="kestrel">Further Kestrel settings (limits, headers).</param>
    public static async Task<LoopbackEndpoint> StartAsync(
        Action<WebApplication> map,
        X509Certificate2? certificate = null,
        Action<KestrelServerOptions>? kestrel = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(options =>
        {
            kestrel?.Invoke(options);
            options.Listen(IPAddress.Loopback, 0, listen =>
            {
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new LoopbackEndpoint(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
