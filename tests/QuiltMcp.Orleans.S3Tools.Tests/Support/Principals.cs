namespace QuiltMcp.Orleans.S3Tools.Tests.Support;

/// <summary>Tokens for test principals: scopes, bucket grants, S3 permissions and a role each.</summary>
public static class Principals
{
    public const string AccountId = "123456789012";

    public static readonly string[] ReadActions = ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket"];

    public static readonly string[] AllActions = ["s3:*"];

    public static string RoleArn(string roleName) => $"arn:aws:iam::{AccountId}:role/{roleName}";

    /// <summary>A token whose one role is <paramref name="role"/>, or <c>data-&lt;subject&gt;</c>: each principal its own.</summary>
    public static string Token(string subject, string scopes, string[] buckets, string[]? permissions = null, string? role = null) =>
        TestTokens.Issue(subject, scopes, buckets, roles: [role ?? "data-" + subject], permissions: permissions ?? AllActions);
}
