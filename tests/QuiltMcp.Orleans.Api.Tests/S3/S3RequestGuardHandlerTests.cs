using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;
using Amazon.S3.Model;

using ExecutionContext = Amazon.Runtime.Internal.ExecutionContext;
using RequestContext = Amazon.Runtime.Internal.RequestContext;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tests.S3;

/// <summary>
/// The pipeline handler on its own, with the request as the SDK hands it over after marshalling: both the
/// asynchronous path every tool takes and the synchronous one (which no .NET SDK operation uses today, but a
/// handler must not leave open) check the URL before the next handler runs.
/// </summary>
public sealed class S3RequestGuardHandlerTests
{
    private const string Endpoint = "http://127.0.0.1:9000";

    [Fact]
    public async Task A_request_for_the_granted_bucket_and_key_reaches_the_next_handler()
    {
        var (handler, next, refusals) = Handler();

        handler.InvokeSync(Context("a/b.txt"));
        await handler.InvokeAsync<AmazonWebServiceResponse>(Context("a/b.txt"));

        Assert.Equal(["/bar-bucket/a/b.txt", "/bar-bucket/a/b.txt"], next.Paths);
        Assert.Empty(refusals);
    }

    [Fact]
    public async Task A_request_that_leaves_the_bucket_is_refused_reported_and_never_passed_on()
    {
        var (handler, next, refusals) = Handler();

        var sync = Assert.Throws<S3RequestRefusedException>(() => handler.InvokeSync(Context("../other-bucket/x")));
        var async = await Assert.ThrowsAsync<S3RequestRefusedException>(() => handler.InvokeAsync<AmazonWebServiceResponse>(Context("../other-bucket/x")));

        Assert.Empty(next.Paths);
        Assert.Equal([sync.Message, async.Message], refusals);
        Assert.Equal("The S3 request for s3://bar-bucket/../other-bucket/x was refused before it was sent: its path '/bar-bucket/../other-bucket/x' "
            + "has a '..' path segment; a path-style server would read it as '/other-bucket/x'.", sync.Message);
    }

    [Fact]
    public async Task A_missing_context_is_a_programming_error()
    {
        var (handler, _, _) = Handler();

        Assert.Throws<ArgumentNullException>(() => handler.InvokeSync(null!));
        await Assert.ThrowsAsync<ArgumentNullException>(() => handler.InvokeAsync<AmazonWebServiceResponse>(null!));
    }

    private static (S3RequestGuardHandler Handler, RecordingHandler Next, List<string> Refusals) Handler()
    {
        var refusals = new List<string>();
        var next = new RecordingHandler();
        var handler = new S3RequestGuardHandler(new S3AddressGuard(S3ClientScope.ForBuckets(["bar-bucket"])), refused => refusals.Add(refused.Message))
        {
            InnerHandler = next,
        };
        return (handler, next, refusals);
    }

    /// <summary>A marshalled path-style GET as it stands just before the HTTP handler.</summary>
    private static ExecutionContext Context(string key)
    {
        var original = new GetObjectRequest { BucketName = "bar-bucket", Key = key };
        var request = new DefaultRequest(original, "S3")
        {
            Endpoint = new Uri(Endpoint),
            ResourcePath = $"/bar-bucket/{key}",
        };
        var context = new RequestContext(enableMetric: false)
        {
            OriginalRequest = original,
            Request = request,
            ClientConfig = new AmazonS3Config { ServiceURL = Endpoint, ForcePathStyle = true },
        };
        return new ExecutionContext(context, new ResponseContext());
    }

    /// <summary>Stands in for the SDK's HTTP handler and notes the path of each request that reached it.</summary>
    private sealed class RecordingHandler : PipelineHandler
    {
        public List<string> Paths { get; } = [];

        public override void InvokeSync(IExecutionContext executionContext) => Paths.Add(executionContext.RequestContext.Request.ResourcePath);

        public override Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            Paths.Add(executionContext.RequestContext.Request.ResourcePath);
            return Task.FromResult<T>(null!);
        }
    }
}
