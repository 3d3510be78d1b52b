using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using QuiltMcp.Orleans.Api.Access;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.Tests.Support;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Api.Tests.Access;

public sealed class BucketAccessPolicyTests
{
    private readonly FakeLogCollector _logs = new();
    private readonly BucketAccessPolicy _policy;

    public BucketAccessPolicyTests()
    {
        _policy = new BucketAccessPolicy(LoggerFactory.Create(builder => builder.AddProvider(new FakeLoggerProvider(_logs))));
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
        var context = TestCallers.Anonymous();
        var decision = _policy.Decide("quilt-data", "s3:GetObject", context);
        Assert.False(decision.Allowed);
        Assert.Equal("bucket access needs an authenticated caller", decision.Reason);
    }

    [Fact]
    public void Desktop_users_fall_back_to_their_local_identity()
    {
        var context = TestCallers.Desktop();
        Assert.True(_policy.Decide("anything-local", "s3:PutObject", context).Allowed);
    }

    [Fact]
    public void Ensure_allowed_logs_the_decision_and_throws_a_tool_error_when_denied()
    {
        var caller = TestCallers.Web(Claims(["quilt-data"], ["s3:GetObject"]), accessToken: "secret-token-value");

        _policy.EnsureAllowed(caller, "bucket_object_text", "quilt-data", "s3:GetObject");
        var error = Assert.Throws<AccessDeniedException>(() => _policy.EnsureAllowed(caller, "bucket_objects_put", "quilt-data", "s3:PutObject"));

        Assert.Equal("Access denied: your token does not grant s3:PutObject.", error.Message);
        Assert.Collection(_logs.GetSnapshot().Select(log => log.Message),
            allowed => Assert.StartsWith("Auth decision: allowed s3:GetObject on bucket quilt-data via bucket_object_text for alice (web-jwt)", allowed),
            denied => Assert.StartsWith("Auth decision: denied s3:PutObject on bucket quilt-data via bucket_objects_put for alice (web-jwt)", denied));
        Assert.DoesNotContain(_logs.GetSnapshot().Select(log => log.Message), message => message.Contains("secret-token-value"));
    }

    [Fact]
    public void Decisions_give_their_exact_reasons()
    {
        var context = Web(["quilt-data", "team-*"], ["s3:GetObject"]);

        Assert.Equal((true, "bucket 'team-alpha' and s3:GetObject granted"), Tuple(_policy.Decide("team-alpha", "s3:GetObject", context)));
        Assert.Equal((false, "bucket 'quilt-other' is not among the buckets your token grants"), Tuple(_policy.Decide("quilt-other", "s3:GetObject", context)));
        Assert.Equal((false, "your token does not grant s3:PutObject"), Tuple(_policy.Decide("quilt-data", "s3:PutObject", context)));
        Assert.Equal((false, "'Quilt-Data' is not a valid S3 bucket name"), Tuple(_policy.Decide("Quilt-Data", "s3:GetObject", context)));
        Assert.Equal((true, "desktop user: the local AWS identity decides"),
            Tuple(_policy.Decide("anything-local", "s3:PutObject", TestCallers.Desktop())));
    }

    [Fact]
    public void An_exact_grant_is_not_a_prefix_and_a_star_grant_is_only_a_prefix()
    {
        var context = Web(["quilt-data", "team-*"], ["*"]);

        Assert.False(_policy.Decide("quilt-data-2", "s3:GetObject", context).Allowed);
        Assert.False(_policy.Decide("xquilt-data", "s3:GetObject", context).Allowed);
        Assert.False(_policy.Decide("my-team-a", "s3:GetObject", context).Allowed);
        Assert.True(_policy.Decide("team-a", "s3:GetObject", context).Allowed);
        Assert.True(_policy.Decide("quilt-data", "s3:DeleteObject", context).Allowed);
    }

    [Theory]
    [InlineData("s3:*", true)]
    [InlineData("*", true)]
    [InlineData("s3:Get*", false)]
    [InlineData("s3:getobject", false)]
    [InlineData("s3:GetObjectVersion", false)]
    public void Only_the_action_itself_or_a_full_wildcard_grants_it(string permission, bool allowed)
    {
        Assert.Equal(allowed, _policy.Decide("quilt-data", "s3:GetObject", Web(["quilt-data"], [permission])).Allowed);
    }

    [Fact]
    public void A_desktop_caller_still_gets_no_malformed_bucket_name_through()
    {
        var decision = _policy.Decide("Bad_Bucket", "s3:GetObject", TestCallers.Desktop());

        Assert.Equal((false, "'Bad_Bucket' is not a valid S3 bucket name"), Tuple(decision));
    }

    [Fact]
    public void A_credential_without_claims_or_claims_without_a_credential_get_no_bucket_access()
    {
        var complete = Web(["quilt-data"], ["*"]);
        var claimless = complete with { Claims = null };
        var credentialless = complete with { Credential = null };

        foreach (var context in new[] { claimless, credentialless })
        {
            Assert.Equal((false, "bucket access needs an authenticated caller"), Tuple(_policy.Decide("quilt-data", "s3:GetObject", context)));
        }
    }

    [Fact]
    public void A_missing_caller_is_a_programming_error_not_a_decision()
    {
        Assert.Equal("caller", Assert.Throws<ArgumentNullException>(() => _policy.Decide("quilt-data", "s3:GetObject", null!)).ParamName);
    }

    [Fact]
    public void Long_or_missing_bucket_names_are_quoted_shortened_to_70_characters()
    {
        var seventy = new string('B', 70);
        var seventyOne = new string('B', 71);

        Assert.Equal($"'{seventy}' is not a valid S3 bucket name", _policy.Decide(seventy, "s3:GetObject", Web(["*"], ["*"])).Reason);
        Assert.Equal($"'{seventy}…' is not a valid S3 bucket name", _policy.Decide(seventyOne, "s3:GetObject", Web(["*"], ["*"])).Reason);
        Assert.Equal("'' is not a valid S3 bucket name", _policy.Decide(null!, "s3:GetObject", Web(["*"], ["*"])).Reason);
    }

    private static (bool Allowed, string Reason) Tuple(AccessDecision decision) => (decision.Allowed, decision.Reason);

    private static Caller Web(string[] buckets, string[] permissions) => TestCallers.Web(Claims(buckets, permissions));

    private static PrincipalClaims Claims(string[] buckets, string[] permissions) =>
        new() { Subject = "alice", Buckets = buckets, Permissions = permissions };
}
