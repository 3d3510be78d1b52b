namespace QuiltMcp.Orleans.S3Tools.Tests.Support;

/// <summary>One real in-process server fronting a Quilt catalog (<see cref="FakeCatalog"/>), shared by a test class.</summary>
public sealed class CatalogServer : IAsyncLifetime
{
    /// <summary>Catalog:Timeout, shortened from 15 s so the slow-catalog tests take seconds; the fake answers in milliseconds.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public FakeCatalog Catalog { get; private set; } = null!;

    public InProcessServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Catalog = await FakeCatalog.StartAsync();
        Server = await InProcessServer.CreateAsync(new Dictionary<string, string?>
        {
            ["Server:CatalogUrl"] = "https://catalog.example.com",
            ["Catalog:GraphQlUrl"] = Catalog.GraphQlUrl.ToString(),
            ["Catalog:Timeout"] = Timeout.ToString(),
            ["Roles:AccountId"] = Principals.AccountId,
            ["Http:PermitsPerMinute"] = "1000000",
            ["Telemetry:EmbeddedMetrics"] = "false",
        });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Catalog.DisposeAsync();
    }
}
