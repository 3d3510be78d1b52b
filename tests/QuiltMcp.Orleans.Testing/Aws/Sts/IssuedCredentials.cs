using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace QuiltMcp.Orleans.Testing.Aws.Sts;

/// <summary>
/// Temporary credentials as <see cref="FakeSts"/> issues them: the <paramref name="Issue"/>th successful AssumeRole of
/// <paramref name="RoleArn"/> gets keys derived from both, so no two roles (and no two issues of one role) share a key,
/// and a test computes what a role's caller must have signed with through <see cref="For"/>, without asking the fake.
/// The prefixes (<c>ASIAFAKE</c>, <c>fake-secret-</c>, <c>fake-session-token-</c>) let tests search output for leaks.
/// </summary>
public sealed record IssuedCredentials(string RoleArn, int Issue, string AccessKeyId, string SecretAccessKey, string SessionToken)
{
    public const string AccessKeyPrefix = "ASIAFAKE";
    public const string SecretPrefix = "fake-secret-";
    public const string SessionTokenPrefix = "fake-session-token-";

    /// <summary>The credentials of the <paramref name="issue"/>th (1-based) successful assumption of <paramref name="roleArn"/>.</summary>
    public static IssuedCredentials For(string roleArn, int issue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(issue, 1);
        var digest = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(roleArn + "#" + issue.ToString(CultureInfo.InvariantCulture))));
        // 20 characters like a real temporary access key id: ASIA, then upper-case letters and digits.
        return new IssuedCredentials(
            roleArn,
            issue,
            AccessKeyPrefix + digest[..12],
            SecretPrefix + digest[12..40].ToLowerInvariant() + "-do-not-leak",
            SessionTokenPrefix + digest[40..].ToLowerInvariant());
    }
}
