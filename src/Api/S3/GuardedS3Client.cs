using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.SharedInterfaces;
using Amazon.S3;
using Amazon.S3.Model;

namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// An S3 client confined to a <see cref="S3ClientScope"/>: every request passes <see cref="S3RequestGuardHandler"/>
/// just before it is sent, and every presigned URL (made without the pipeline) is checked by the same
/// <see cref="S3AddressGuard"/> before it is handed out. With <see cref="S3TimeLimits"/>, each request also has one
/// deadline (<see cref="S3DeadlineHandler"/>).
/// </summary>
/// <remarks>
/// Presigning is intercepted by hiding the SDK's methods and re-implementing <see cref="IAmazonS3"/> with them, so
/// the check holds through the interface (every tool) and on this type; only a cast to <see cref="AmazonS3Client"/>
/// would reach the unchecked methods, and the gateway hands out the interface.
/// </remarks>
public sealed class GuardedS3Client(
    AWSCredentials credentials,
    AmazonS3Config config,
    S3ClientScope scope,
    Action<S3RequestRefusedException>? onRefused = null,
    S3TimeLimits? timeLimits = null)
    : AmazonS3Client(credentials, config), IAmazonS3, ICoreAmazonS3
{
    // Field initializers run before the base constructor, which is where the SDK builds the pipeline.
    private readonly S3AddressGuard _guard = new(scope);
    private readonly Action<S3RequestRefusedException>? _onRefused = onRefused;
    private readonly S3TimeLimits? _timeLimits = timeLimits;

    public S3ClientScope Scope { get; } = scope;

    /// <summary>The SDK's presigned URL, once the guard accepts it (presigning bypasses the request pipeline).</summary>
    public new string GetPreSignedURL(GetPreSignedUrlRequest request) => Checked(base.GetPreSignedURL(request), request);

    /// <inheritdoc cref="GetPreSignedURL(GetPreSignedUrlRequest)"/>
    public new async Task<string> GetPreSignedURLAsync(GetPreSignedUrlRequest request) => Checked(await base.GetPreSignedURLAsync(request), request);

    /// <summary>quilt3-style helpers presign through here without a request object; the data tools never do.</summary>
    string ICoreAmazonS3.GeneratePreSignedURL(string bucketName, string objectKey, DateTime expiration, IDictionary<string, object> additionalProperties) =>
        throw Refuse(new S3RequestRefusedException("Presigning through ICoreAmazonS3 is not supported by the data tools' S3 client."));

    protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
    {
        base.CustomizeRuntimePipeline(pipeline);
        pipeline.AddHandlerBefore<HttpHandler<HttpContent>>(new S3RequestGuardHandler(_guard, _onRefused));
        if (_timeLimits is not null)
        {
            // Outermost, around the retries: one deadline for the whole request.
            pipeline.AddHandler(new S3DeadlineHandler(_timeLimits));
        }
    }

    private string Checked(string url, GetPreSignedUrlRequest request)
    {
        try
        {
            var (bucket, key) = S3RequestTarget.Of(request);
            _guard.Ensure(url, bucket, key, Config is AmazonS3Config { ForcePathStyle: true }, Config.ServiceURL);
            return url;
        }
        catch (S3RequestRefusedException refused)
        {
            throw Refuse(refused);
        }
    }

    private S3RequestRefusedException Refuse(S3RequestRefusedException refused)
    {
        _onRefused?.Invoke(refused);
        return refused;
    }
}
