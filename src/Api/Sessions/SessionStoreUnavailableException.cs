namespace QuiltMcp.Orleans.Api.Sessions;

/// <summary>
/// A session's grain did not answer in time or failed (its durable storage, DynamoDB when clustered, is unreachable or
/// the grain could not be placed). The message is written for the client: what did not happen, and that a retry a few
/// seconds later is the remedy. <see cref="SessionStoreUnavailableMiddleware"/> answers it as 503.
/// </summary>
public sealed class SessionStoreUnavailableException : Exception
{
    public SessionStoreUnavailableException(SessionStoreOperation operation, Exception? cause = null)
        : base(MessageFor(operation), cause)
    {
        Operation = operation;
    }

    public SessionStoreOperation Operation { get; }

    private static string MessageFor(SessionStoreOperation operation) => operation switch
    {
        SessionStoreOperation.Record => "Service unavailable: the session store did not answer, so no session was created. Initialize again in a few seconds.",
        SessionStoreOperation.Resume => "Service unavailable: the session store did not answer, so this session could not be resumed here. It is not lost: retry in a few seconds.",
        _ => "Service unavailable: the session store did not answer, so the session was not deleted. Send the DELETE again in a few seconds.",
    };
}
