using System.Collections;

namespace QuiltMcp.Orleans.Api.Configuration;

/// <summary>
/// Accepts the environment variable names of the original Python server (FASTMCP_*, QUILT_*, MCP_*, LOG_LEVEL)
/// by mapping them onto configuration keys, so existing deployments keep working unchanged.
/// </summary>
public sealed class LegacyEnvironmentVariables : ConfigurationProvider, IConfigurationSource
{
    /// <summary>Legacy variable name → configuration key.</summary>
    public static readonly IReadOnlyDictionary<string, string> Map = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["FASTMCP_TRANSPORT"] = "Server:Transport",
        ["FASTMCP_ADDR"] = "Server:Address",
        ["FASTMCP_PORT"] = "Server:Port",
        ["QUILT_CATALOG_URL"] = "Server:CatalogUrl",
        ["MCP_SERVER_NAME"] = "Server:Name",
        ["MCP_SERVER_VERSION"] = "Server:Version",
        ["LOG_LEVEL"] = "Logging:LogLevel:Default",
        ["MCP_ENHANCED_JWT_SECRET"] = "Auth:Quilt:Secret",
        ["MCP_ENHANCED_JWT_KID"] = "Auth:Quilt:Kid",
    };

    private readonly IDictionary _environment;

    public LegacyEnvironmentVariables(IDictionary? environment = null)
    {
        _environment = environment ?? Environment.GetEnvironmentVariables();
    }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (variable, key) in Map)
        {
            if (_environment[variable] is string value && value.Length > 0)
            {
                data[key] = variable == "LOG_LEVEL" ? ToDotNetLevel(value) : value;
            }
        }

        Data = data;
    }

    /// <summary>Finds the legacy variable that feeds a configuration key, for error messages.</summary>
    public static string? VariableFor(string key) =>
        Map.FirstOrDefault(pair => string.Equals(pair.Value, key, StringComparison.OrdinalIgnoreCase)).Key;

    /// <summary>Python logging names (DEBUG, INFO, WARNING…) become .NET levels; anything else passes through.</summary>
    internal static string ToDotNetLevel(string level) => level.Trim().ToUpperInvariant() switch
    {
        "TRACE" => "Trace",
        "DEBUG" => "Debug",
        "INFO" or "INFORMATION" => "Information",
        "WARN" or "WARNING" => "Warning",
        "ERROR" => "Error",
        "CRITICAL" or "FATAL" => "Critical",
        "NONE" or "OFF" => "None",
        _ => level,
    };
}
