using System.CommandLine;

namespace QuiltMcp.Orleans.Silo.Cli;

/// <summary>
/// The <c>quilt-mcp</c> command: <c>serve</c> (the default), <c>healthcheck</c>, <c>token</c>. Options not known here
/// (<c>--Section:Key=value</c>) pass through to .NET configuration.
/// </summary>
public static class QuiltMcpCommandLine
{
    /// <param name="args">The command line.</param>
    /// <param name="output">Where results go (default: stdout); tests capture it.</param>
    /// <param name="error">Where errors go (default: stderr).</param>
    public static Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var root = new RootCommand("Quilt MCP server: an MCP front end for the Quilt data catalog on an Orleans silo.");
        ServeCommand.Configure(root);
        root.Add(ServeCommand.Create());
        root.Add(HealthcheckCommand.Create());
        root.Add(TokenCommand.Create());

        // The generic host owns SIGTERM/SIGINT handling (graceful drain, silo leave); the parser must not race it.
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null };
        if (output is not null)
        {
            invocation.Output = output;
        }

        if (error is not null)
        {
            invocation.Error = error;
        }

        return root.Parse(args).InvokeAsync(invocation);
    }
}
