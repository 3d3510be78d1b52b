using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Access;

/// <summary>
/// The bucket-level check every bucket tool makes before any AWS call: the bucket must be one the principal's
/// token grants (exactly, or through an entry ending in <c>*</c> used as a prefix) and the tool's S3 action must
/// be among the token's permissions. Over HTTP the caller's claims are the only source; a desktop (stdio) user
/// acts with their own local AWS identity, so AWS itself is the check there.
/// </summary>
public sealed partial class BucketAccessPolicy(ILoggerFactory loggerFactory)
{
    private readonly ILogger _decisions = loggerFactory.CreateLogger(AuthDecisionLog.Category);

    public AccessDecision Decide(string bucket, string s3Action, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!S3Names.IsBucketName(bucket))
        {
            return AccessDecision.Deny($"'{Shorten(bucket)}' is not a valid S3 bucket name");
        }

        if (caller.IsDesktop)
        {
            return AccessDecision.Allow("desktop user: the local AWS identity decides");
        }

        var claims = caller.Claims;
        if (!caller.IsAuthenticated || claims is null)
        {
            return AccessDecision.Deny("bucket access needs an authenticated caller");
        }

        if (!claims.Buckets.Any(grant => Matches(grant, bucket!)))
        {
            return AccessDecision.Deny($"bucket '{bucket}' is not among the buckets your token grants");
        }

        return claims.Permissions.Any(permission => permission == s3Action || permission is "s3:*" or "*")
            ? AccessDecision.Allow($"bucket '{bucket}' and {s3Action} granted")
            : AccessDecision.Deny($"your token does not grant {s3Action}");
    }

    /// <summary>
    /// Decides, logs the decision, and throws a clear tool error when access is denied; <paramref name="advice"/>, when
    /// given, follows the reason and tells the caller what to do instead.
    /// </summary>
    public void EnsureAllowed(Caller caller, string tool, string bucket, string s3Action, string? advice = null)
    {
        var decision = Decide(bucket, s3Action, caller);
        AuthDecisionLog.BucketDecision(_decisions, tool, bucket, s3Action, caller, decision);
        if (!decision.Allowed)
        {
            throw new AccessDeniedException(advice is null ? $"Access denied: {decision.Reason}." : $"Access denied: {decision.Reason}. {advice}");
        }
    }

    private static bool Matches(string grant, string bucket) =>
        grant.EndsWith('*')
            ? bucket.StartsWith(grant[..^1], StringComparison.Ordinal)
            : string.Equals(grant, bucket, StringComparison.Ordinal);

    private static string Shorten(string? text) => text is null ? "" : text.Length > 70 ? text[..70] + "…" : text;
}
