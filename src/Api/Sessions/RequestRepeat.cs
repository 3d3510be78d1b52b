namespace QuiltMcp.Orleans.Api.Sessions;

/// <summary>
/// What <see cref="RepeatableRequests"/> made of one JSON-RPC message: whether it may run a second time, and what it
/// asks for in words safe to log (a method or tool this server knows, never text taken from the client as sent).
/// </summary>
public sealed record RequestRepeat(bool MayRepeat, string Operation)
{
    /// <summary>Anything the judgement could not place: a batch, malformed JSON, an unknown method or tool.</summary>
    public static RequestRepeat Unrecognised { get; } = new(false, "an unrecognised message");
}
