using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Identity.Tokens;
using QuiltMcp.Orleans.EndToEnd.Tests.Hosting;

namespace QuiltMcp.Orleans.S3Tools.Tests.Support;

/// <summary>Tokens for test principals: scopes, bucket grants, S3 permissions and a role each.</summary>
public static class Principals
{
    public const string AccountId = "123456789012";

    public static readonly string[] ReadActions = ["s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket"];

    public static readonly string[] AllActions = ["s3:*"];

    private static readonly DevelopmentTokenIssuer Issuer = new(
        Options.Create(new AuthOptions { Quilt = new QuiltTokenOptions { Secret = TestTokens.Secret } }),
        TimeProvider.System);

    public static string RoleArn(string roleName) => $"arn:aws:iam::{AccountId}:role/{roleName}";

    public static string Token(string subject, string scopes, string[] buckets, string[]? permissions = null, string? role = null) =>
        Issuer.Issue(new DevelopmentTokenRequest
        {
            Subject = subject,
            Scopes = scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            Buckets = buckets,
            Permissions = permissions ?? AllActions,
            Roles = [role ?? "data-" + subject],
            Lifetime = TimeSpan.FromMinutes(30),
        });
}
