namespace QuiltMcp.Orleans.EndToEnd.Tests.Hosting;

/// <summary>One embedded-default server shared by the read-only HTTP tests of a class.</summary>
public sealed class SharedServerFixture : IAsyncLifetime
{
    public InProcessServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await InProcessServer.CreateAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
