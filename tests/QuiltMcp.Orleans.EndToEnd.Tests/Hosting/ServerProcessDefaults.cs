using QuiltMcp.Orleans.Testing.Processes;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Hosting;

/// <summary>
/// What every end-to-end server process starts with: the Production rules, the secret <see cref="TestTokens"/> signs
/// with, and no drain delay (a test that stops a server is not behind a load balancer).
/// </summary>
public static class ServerProcessDefaults
{
    public static ServerProcessOptions Http(IReadOnlyDictionary<string, string?>? environment = null)
    {
        var merged = new Dictionary<string, string?>
        {
            ["Shutdown__DrainDelay"] = "00:00:00",
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["MCP_ENHANCED_JWT_SECRET"] = TestTokens.Secret,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            merged[key] = value;
        }

        return new ServerProcessOptions { Environment = merged };
    }
}
