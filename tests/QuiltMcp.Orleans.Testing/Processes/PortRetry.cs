namespace QuiltMcp.Orleans.Testing.Processes;

/// <summary>
/// Runs a child-process start again when it failed only because a port handed to the child was taken before the
/// child bound it. Orleans needs its silo port before it starts (it advertises it), so a silo cannot bind port 0
/// and report back; a port that was free a moment ago is the best a test can give, and this closes the gap.
/// Each attempt must pick its own fresh port.
/// </summary>
public static class PortRetry
{
    /// <summary>Three tries: two unlucky picks in a row are already very unlikely.</summary>
    public const int Attempts = 3;

    public static async Task<T> RunAsync<T>(Func<Task<T>> attempt)
    {
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt();
            }
            catch (PortInUseException) when (number < Attempts)
            {
                // Someone else took the port between the pick and the bind: pick again.
            }
        }
    }
}
