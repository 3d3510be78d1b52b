namespace QuiltMcp.Orleans.Api.Configuration;

/// <summary>The transport names accepted in configuration (the seeds' FastMCP names).</summary>
public static class ServerTransportNames
{
    public const string StreamableHttp = "streamable-http";
    public const string Http = "http";
    public const string Stdio = "stdio";

    public static bool TryParse(string? value, out ServerTransport transport)
    {
        switch (value?.Trim().ToLowerInvariant())
        {
            case StreamableHttp or Http:
                transport = ServerTransport.StreamableHttp;
                return true;
            case Stdio:
                transport = ServerTransport.Stdio;
                return true;
            default:
                transport = default;
                return false;
        }
    }

    public static string ToName(ServerTransport transport) => transport switch
    {
        ServerTransport.Stdio => Stdio,
        _ => StreamableHttp,
    };
}
