using System.Globalization;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3.Model;

namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// The outermost handler of a data tool's S3 client: one deadline for a whole S3 request, retries and back-off
/// included, so an S3 that hangs cannot hold a tool call beyond <see cref="S3TimeLimits.Call"/>; the caller's own
/// token stays linked, so a client that cancels its tool call cancels the S3 request at once. A body that stops
/// arriving is cut off after <see cref="S3TimeLimits.BodyIdle"/> (<see cref="S3BodyIdleTimeoutStream"/>). Timeouts
/// become <see cref="S3TimeoutException"/>, which the tools report as such; a caller's cancellation passes as it is.
/// </summary>
public sealed class S3DeadlineHandler(S3TimeLimits limits) : PipelineHandler
{
    public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        var request = executionContext.RequestContext;
        var callerToken = request.CancellationToken;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        deadline.CancelAfter(limits.Call);
        var settable = request as Amazon.Runtime.Internal.RequestContext;
        if (settable is not null)
        {
            // Every attempt, and the back-off between attempts, now observe the deadline.
            settable.CancellationToken = deadline.Token;
        }

        try
        {
            // A request context the deadline could not be set on (not the SDK's own) is abandoned at the deadline instead.
            var response = settable is not null
                ? await base.InvokeAsync<T>(executionContext)
                : await base.InvokeAsync<T>(executionContext).WaitAsync(deadline.Token);
            if (response is GetObjectResponse { ResponseStream: { } body } get)
            {
                get.ResponseStream = new S3BodyIdleTimeoutStream(body, limits.BodyIdle);
            }

            return response;
        }
        catch (OperationCanceledException cancelled) when (deadline.IsCancellationRequested && !callerToken.IsCancellationRequested)
        {
            throw new S3TimeoutException(string.Create(CultureInfo.InvariantCulture, $"no answer within {limits.Call.TotalSeconds:0.#} s, retries included"), cancelled);
        }
        catch (TimeoutException timedOut) when (!callerToken.IsCancellationRequested)
        {
            // The SDK's own per-attempt timeout (S3:AttemptTimeout) on the last attempt it was allowed.
            throw new S3TimeoutException($"no attempt was answered within {executionContext.RequestContext.ClientConfig.Timeout?.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s", timedOut);
        }
        finally
        {
            if (settable is not null)
            {
                settable.CancellationToken = callerToken;
            }
        }
    }
}
