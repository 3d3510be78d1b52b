using Microsoft.Extensions.Hosting;

namespace QuiltMcp.Orleans.Grains.Tests.SiloLoss;

/// <summary>The host's lifetime as the retry filter reads it: a test says when the process starts stopping.</summary>
internal sealed class TestLifetime : IHostApplicationLifetime, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    public CancellationToken ApplicationStarted => CancellationToken.None;

    public CancellationToken ApplicationStopping => _stopping.Token;

    public CancellationToken ApplicationStopped => CancellationToken.None;

    public void StopApplication() => _stopping.Cancel();

    public void Dispose() => _stopping.Dispose();
}
