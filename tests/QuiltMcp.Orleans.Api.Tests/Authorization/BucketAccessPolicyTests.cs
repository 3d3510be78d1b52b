using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using QuiltMcp.Orleans.Api.Authorization;
using QuiltMcp.Orleans.Api.Context;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Api.Tests.Authorization;

public sealed class BucketAccessPolicyTests
{
    private readonly RecordingLoggerProvider _logs = new();
    private readonly BucketAccessPolicy _policy;

    public BucketAccessPolicyTests()
    {
        _policy = new BucketAccessPolicy(LoggerFactory.Create(builder => builder.AddProvider(_logs)));
    }

    [Theory]
    [InlineData("quilt-data", "s3:GetObject", true)]
    [InlineData("quilt-other", "s3:GetObject", false)]
    [InlineData("team-alpha", "s3:GetObject", true)]
    [InlineData("team-b", "s3:GetObject", true)]
    [InlineData("teams", "s3:GetObject", false)]
    [InlineData("quilt-data", "s3:PutObject", false)]
    [InlineData("quilt-data", "s3:ListBucket", true)]
    public void Buckets_match_exactly_or_by_star_prefix_and_the_action_must_be_granted(string bucket, string action, bool allowed)
    {
        var context = Web(["quilt-data", "team-*"], ["s3:GetObject", "s3:ListBucket"]);
        Assert.Equal(allowed, _policy.Decide(bucket, action, context).Allowed);
    }

    [Theory]
    [InlineData("Quilt-Data")]
    [InlineData("ab")]
    [InlineData("bucket/with/slash")]
    [InlineData("-leading-hyphen")]
    [InlineData("")]
    public void Malformed_bucket_names_are_refused_with_a_clear_reason(string bucket)
    {
        var decision = _policy.Decide(bucket, "s3:GetObject", Web(["*"], ["s3:*"]));
        Assert.False(decision.Allowed);
        Assert.Contains("is not a valid S3 bucket name", decision.Reason);
    }

    [Fact]
    public void Wildcard_permissions_grant_every_action()
    {
        Assert.True(_policy.Decide("any-bucket", "s3:DeleteObject", Web(["any-*"], ["s3:*"])).Allowed);
    }

    [Fact]
    public void Anonymous_web_callers_get_no_bucket_access()
    {
        var context = new RuntimeContextState(RuntimeEnvironments.WebUnauthenticated);
        var decision = _policy.Decide("quilt-data", "s3:GetObject", context);
        Assert.False(decision.Allowed);
        Assert.Equal("bucket access needs an authenticated caller", decision.Reason);
    }

    [Fact]
    public void Desktop_users_fall_back_to_their_local_identity()
    {
        var context = new RuntimeContextState(RuntimeEnvironments.DesktopStdio);
        Assert.True(_policy.Decide("anything-local", "s3:PutObject", context).Allowed);
    }

    [Fact]
    public void Ensure_allowed_logs_the_decision_and_throws_a_tool_error_when_denied()
    {
        using var scope = RuntimeContext.Push(RuntimeEnvironments.WebJwt, RuntimeAuthState.Create("jwt", "secret-token-value"),
            principal: Principal(["quilt-data"], ["s3:GetObject"]));

        _policy.EnsureAllowed("bucket_object_text", "quilt-data", "s3:GetObject");
        var error = Assert.Throws<McpException>(() => _policy.EnsureAllowed("bucket_objects_put", "quilt-data", "s3:PutObject"));

        Assert.Equal("Access denied: your token does not grant s3:PutObject.", error.Message);
        Assert.Collection(_logs.Messages,
            allowed => Assert.StartsWith("Auth decision: allowed s3:GetObject on bucket quilt-data via bucket_object_text for alice (web-jwt)", allowed),
            denied => Assert.StartsWith("Auth decision: denied s3:PutObject on bucket quilt-data via bucket_objects_put for alice (web-jwt)", denied));
        Assert.DoesNotContain(_logs.Messages, message => message.Contains("secret-token-value"));
    }

    private static RuntimeContextState Web(string[] buckets, string[] permissions) =>
        new(RuntimeEnvironments.WebJwt, RuntimeAuthState.Create("jwt"), principal: Principal(buckets, permissions));

    private static PrincipalReference Principal(string[] buckets, string[] permissions) =>
        new("jwt|quilt-frontend|alice", null!, new PrincipalClaims { Subject = "alice", Buckets = buckets, Permissions = permissions });

    private sealed class RecordingLoggerProvider : ILoggerProvider
    {
        private readonly List<string> _messages = [];

        public IReadOnlyList<string> Messages
        {
            get
            {
                lock (_messages)
                {
                    return [.. _messages];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Recorder(this);

        public void Dispose()
        {
        }

        private sealed class Recorder(RecordingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (owner._messages)
                {
                    owner._messages.Add(formatter(state, exception));
                }
            }
        }
    }
}
