namespace QuiltMcp.Orleans.Testing.Processes;

/// <summary>How a launched server talks to its clients, which decides how the launcher knows it is ready.</summary>
public enum ProcessTransport
{
    /// <summary>Streamable HTTP on a port the server picks; ready when <c>/ready</c> answers 200.</summary>
    Http,

    /// <summary>MCP over stdin/stdout, which the test drives itself; ready when the server logs that it is (on stderr).</summary>
    Stdio,
}
