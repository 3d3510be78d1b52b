namespace QuiltMcp.Orleans.EndToEnd.Tests.Failover;

/// <summary>One call of a <see cref="ContinuousLoad"/>: which session, which process, when, and why it failed if it did.</summary>
/// <param name="Session">The session's index in the load.</param>
/// <param name="Port">The HTTP port of the process the router sent it to.</param>
/// <param name="Start">When it was sent, on the load's clock.</param>
/// <param name="End">When its answer (or failure) arrived, on the load's clock.</param>
/// <param name="Failure">Why it failed, or null when the tool answered correctly.</param>
public sealed record LoadCall(int Session, int Port, TimeSpan Start, TimeSpan End, string? Failure)
{
    public TimeSpan Duration => End - Start;

    public bool Failed => Failure is not null;

    /// <summary>True when the call was still running at some moment of [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public bool Overlaps(TimeSpan from, TimeSpan to) => Start <= to && End >= from;
}
