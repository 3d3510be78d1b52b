using System.CommandLine;
using QuiltMcp.Orleans.Silo.Hosting;

namespace QuiltMcp.Orleans.Silo.Cli;

/// <summary><c>quilt-mcp [serve] [--transport …] [--address …] [--port …] [--Section:Key=value …]</c></summary>
public static class ServeCommand
{
    private static readonly Option<string?> Transport = new("--transport")
    {
        Description = "streamable-http (default), http or stdio. Overrides FASTMCP_TRANSPORT.",
    };

    private static readonly Option<string?> Address = new("--address")
    {
        Description = "HTTP listen address (default 127.0.0.1). Overrides FASTMCP_ADDR.",
    };

    private static readonly Option<string?> Port = new("--port")
    {
        Description = "HTTP listen port (default 8000). Overrides FASTMCP_PORT.",
    };

    public static Command Create()
    {
        var serve = new Command("serve", "Run the MCP server (the default command).");
        Configure(serve);
        return serve;
    }

    /// <summary>Makes <paramref name="command"/> run the server; used for both the root and <c>serve</c>.</summary>
    public static void Configure(Command command)
    {
        command.Add(Transport);
        command.Add(Address);
        command.Add(Port);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(parse =>
        {
            var overrides = new Dictionary<string, string?>();
            AddOverride(overrides, "Server:Transport", parse.GetValue(Transport));
            AddOverride(overrides, "Server:Address", parse.GetValue(Address));
            AddOverride(overrides, "Server:Port", parse.GetValue(Port));
            return ServerLauncher.RunAsync([.. parse.UnmatchedTokens], overrides);
        });
    }

    private static void AddOverride(Dictionary<string, string?> overrides, string key, string? value)
    {
        if (value is not null)
        {
            overrides[key] = value;
        }
    }
}
