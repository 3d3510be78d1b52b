namespace QuiltMcp.Orleans.Api.Sessions;

/// <summary>What a request asked of a session's grain (and through it, of durable storage).</summary>
public enum SessionStoreOperation
{
    /// <summary>Record a new session at initialize.</summary>
    Record,

    /// <summary>Rebuild a session this process does not hold.</summary>
    Resume,

    /// <summary>End a session for good (DELETE).</summary>
    Delete,
}
