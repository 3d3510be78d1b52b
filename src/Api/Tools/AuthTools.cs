using System.ComponentModel;
using ModelContextProtocol.Server;
using QuiltMcp.Orleans.Api.Context;

namespace QuiltMcp.Orleans.Api.Tools;

/// <summary>Tools that tell a caller how the server sees them. Both are read-only and safe to call any time.</summary>
[McpServerToolType]
public sealed class AuthTools
{
    public const string AuthStatusName = "auth_status";
    public const string UserInfoName = "get_user_info";

    [McpServerTool(Name = AuthStatusName, ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Shows how this request is authenticated: environment, auth scheme, subject, scopes, number of "
        + "buckets and the AWS role in use. Never returns the token or any credential.")]
    public static AuthStatus GetAuthStatus()
    {
        var context = RuntimeContext.Current;
        var auth = context.Auth;
        var claims = context.Principal?.Claims;
        return new AuthStatus
        {
            Environment = context.Environment,
            Authenticated = auth is not null,
            Scheme = auth?.Scheme,
            PrincipalId = context.Principal?.PrincipalId,
            Subject = claims?.Subject,
            Issuer = claims?.Issuer,
            Scopes = claims?.Scopes ?? [],
            BucketCount = claims?.Buckets.Length ?? 0,
            RoleArn = context.Metadata.GetValueOrDefault(RuntimeMetadataKeys.RoleArn),
            QuiltUserId = context.Metadata.GetValueOrDefault(RuntimeMetadataKeys.QuiltUserId),
        };
    }

    [McpServerTool(Name = UserInfoName, ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Returns who the server thinks the caller is, as held by the caller's principal grain: subject, "
        + "name, email, scopes, roles and buckets.")]
    public static async Task<UserInfo> GetUserInfoAsync(CancellationToken cancellationToken)
    {
        var context = RuntimeContext.Current;
        var principal = context.Principal
            ?? throw new InvalidOperationException("This request is not bound to a principal.");

        var snapshot = await principal.Grain.GetSnapshotAsync().WaitAsync(cancellationToken);
        var claims = snapshot.Claims ?? principal.Claims;
        return new UserInfo
        {
            PrincipalId = snapshot.PrincipalId,
            Environment = context.Environment,
            Authenticated = context.Auth is not null,
            Subject = claims?.Subject,
            Name = claims?.DisplayName,
            Email = claims?.Email,
            Level = claims?.Level,
            Scopes = claims?.Scopes ?? [],
            Roles = claims?.Roles ?? [],
            Buckets = claims?.Buckets ?? [],
            PrincipalActiveSince = snapshot.ActivatedAt,
            ServedBy = snapshot.SiloAddress,
        };
    }
}
