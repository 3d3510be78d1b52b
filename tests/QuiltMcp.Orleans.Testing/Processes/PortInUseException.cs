namespace QuiltMcp.Orleans.Testing.Processes;

/// <summary>
/// A child process could not bind a port the test picked for it because something else took it in between.
/// <see cref="PortRetry"/> starts the child again on a fresh port; any other failure is the test's business.
/// </summary>
public sealed class PortInUseException(string message) : Exception(message)
{
    /// <summary>True when a child's output says a bind failed because the address was taken.</summary>
    public static bool IsReportedIn(string output) =>
        output.Contains("AddressInUseException", StringComparison.Ordinal)
        || output.Contains("address already in use", StringComparison.OrdinalIgnoreCase)
        || output.Contains("EADDRINUSE", StringComparison.Ordinal);
}
