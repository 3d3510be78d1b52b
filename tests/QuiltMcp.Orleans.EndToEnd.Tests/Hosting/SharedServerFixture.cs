namespace QuiltMcp.Orleans.EndToEnd.Tests.Hosting;

/// <summary>One embedded-default server shared by the read-only HTTP tests of a class.</summary>
public sealed class SharedServerFixture : IAsyncLifetime
{
    public InProcessServer Server { get; private set; } = null!;

    // These tests send many users' first requests from one loopback address at once; each spends a permit of that
    // address until its token is known valid. The per-address limit has tests of its own (Edge/PreAuthenticationRateLimitTests).
    public async Task InitializeAsync() =>
        Server = await InProcessServer.CreateAsync(new Dictionary<string, string?> { ["Http:AnonymousPermitsPerMinute"] = "1000000" });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
