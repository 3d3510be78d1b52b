using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;

namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// A pipeline handler placed right before the SDK's HTTP handler, after marshalling, endpoint resolution, signing,
/// retries and redirects have had their say: it recomputes the URL exactly as the HTTP handler will
/// (<c>AmazonServiceClient.ComposeUrl</c>) and lets the request through only if
/// <see cref="S3AddressGuard"/> accepts it. Every attempt passes here, a retried or redirected one included.
/// </summary>
public sealed class S3RequestGuardHandler(S3AddressGuard guard, Action<S3RequestRefusedException>? onRefused = null) : PipelineHandler
{
    public override void InvokeSync(IExecutionContext executionContext)
    {
        Check(executionContext);
        base.InvokeSync(executionContext);
    }

    public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
    {
        Check(executionContext);
        return base.InvokeAsync<T>(executionContext);
    }

    private void Check(IExecutionContext executionContext)
    {
        ArgumentNullException.ThrowIfNull(executionContext);
        var context = executionContext.RequestContext;
        try
        {
            var (bucket, key) = S3RequestTarget.Of(context.OriginalRequest);
            var url = AmazonServiceClient.ComposeUrl(context.Request);
            var config = context.ClientConfig;
            var pathStyle = config is AmazonS3Config { ForcePathStyle: true };
            // The SDK builds this Uri with path and query canonicalization turned off, so its original string is what
            // goes on the wire, dot segments and all.
            guard.Ensure(url.OriginalString, bucket, key, pathStyle, config.ServiceURL);
            if (S3RequestTarget.CopySourceOf(context.OriginalRequest) is { } source)
            {
                context.Request.Headers.TryGetValue(S3AddressGuard.CopySourceHeader, out var header);
                guard.EnsureCopySource(header, source);
            }
        }
        catch (S3RequestRefusedException refused)
        {
            onRefused?.Invoke(refused);
            throw;
        }
    }
}
