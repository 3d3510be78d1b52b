namespace QuiltMcp.Orleans.Api.Sessions;

/// <summary>
/// Bounds what a request waits for a session's grain. The grain reads and writes durable storage (DynamoDB when
/// clustered); while that storage cannot be reached, the grain call fails or never answers, and the request must get
/// a clear, retryable answer within <see cref="McpSessionOptions.StoreTimeout"/> instead of hanging or a bare 500. The
/// cause is logged once per request (event 1430, no stack trace); the client's own cancellation passes through.
/// </summary>
public sealed partial class SessionStoreGuard(IOptions<McpSessionOptions> options, ILogger<SessionStoreGuard> logger)
{
    public async Task<T> RunAsync<T>(string sessionId, SessionStoreOperation operation, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var timeout = options.Value.StoreTimeout;
        try
        {
            return await call().WaitAsync(timeout, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception failure)
        {
            var reason = failure is TimeoutException ? $"no answer within {timeout.TotalSeconds:0.#} s" : $"{failure.GetType().Name}: {failure.Message}";
            LogUnavailable(logger, operation, sessionId, reason);
            throw new SessionStoreUnavailableException(operation, failure);
        }
    }

    [LoggerMessage(EventId = 1430, Level = LogLevel.Warning,
        Message = "MCP session store unavailable: {Operation} of session {SessionId} answered 503 ({Reason})")]
    private static partial void LogUnavailable(ILogger logger, SessionStoreOperation operation, string sessionId, string reason);
}
