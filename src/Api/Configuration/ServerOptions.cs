namespace QuiltMcp.Orleans.Api.Configuration;

/// <summary>The <c>Server</c> configuration section: how the MCP endpoint presents itself and where it listens.</summary>
public sealed class ServerOptions
{
    public const string SectionName = "Server";

    /// <summary>Reported in MCP <c>serverInfo</c> and <c>/health</c>. Env: <c>MCP_SERVER_NAME</c>.</summary>
    public string Name { get; set; } = "quilt-mcp";

    /// <summary>Reported in MCP <c>serverInfo</c> and <c>/health</c>; defaults to the build version. Env: <c>MCP_SERVER_VERSION</c>.</summary>
    public string? Version { get; set; }

    /// <summary><c>streamable-http</c> (alias <c>http</c>) or <c>stdio</c>. Env: <c>FASTMCP_TRANSPORT</c>.</summary>
    public string Transport { get; set; } = "streamable-http";

    /// <summary>The address HTTP listens on. Env: <c>FASTMCP_ADDR</c>. Use <c>0.0.0.0</c> in a container.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>The HTTP port. Env: <c>FASTMCP_PORT</c>.</summary>
    public int Port { get; set; } = 8000;

    /// <summary>The Quilt catalog this server fronts, if any. Env: <c>QUILT_CATALOG_URL</c>.</summary>
    public string? CatalogUrl { get; set; }

    /// <summary>The parsed <see cref="Transport"/>; valid once the options passed validation.</summary>
    public ServerTransport TransportKind => ServerTransportNames.TryParse(Transport, out var kind)
        ? kind
        : throw new InvalidOperationException($"Server:Transport '{Transport}' is not a known transport.");

    /// <summary>The version to report: the configured one or the assembly's.</summary>
    public string EffectiveVersion => string.IsNullOrWhiteSpace(Version) ? BuildInfo.Version : Version;
}
