using System.ComponentModel;
using ModelContextProtocol.Server;
using QuiltMcp.Orleans.Api.Aws;
using QuiltMcp.Orleans.Api.Catalog;
using QuiltMcp.Orleans.Api.Context;

namespace QuiltMcp.Orleans.Api.Tools;

/// <summary>Tools that tell a caller how the server sees them. All are read-only and safe to call any time.</summary>
[McpServerToolType]
public sealed class AuthTools
{
    public const string AuthStatusName = "auth_status";
    public const string UserInfoName = "get_user_info";
    public const string AwsIdentityName = "aws_identity";

    [McpServerTool(Name = AuthStatusName, ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Shows how this request is authenticated: environment, auth scheme, subject, scopes, number of "
        + "buckets, the AWS role in use and when its cached credentials expire. With include_catalog, also who the "
        + "Quilt catalog says you are. Never returns the token or any credential.")]
    public static async Task<AuthStatus> GetAuthStatusAsync(
        ICatalogClient catalog,
        [Description("Also ask the Quilt catalog who the bearer is (its GraphQL 'me').")] bool includeCatalog = false,
        CancellationToken cancellationToken = default)
    {
        var context = RuntimeContext.Current;
        var auth = context.Auth;
        var claims = context.Principal?.Claims;
        var roleArn = context.Metadata.GetValueOrDefault(RuntimeMetadataKeys.RoleArn);

        // Only what the grain already holds: showing status must never cost an STS call.
        var expiry = roleArn is not null && context.Principal is { } principal
            ? await principal.Grain.GetCachedCredentialsExpiryAsync(roleArn).WaitAsync(cancellationToken)
            : null;
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
            RoleArn = roleArn,
            RoleSource = context.Metadata.GetValueOrDefault(RuntimeMetadataKeys.RoleSource),
            CredentialsExpireAt = expiry,
            QuiltUserId = context.Metadata.GetValueOrDefault(RuntimeMetadataKeys.QuiltUserId),
            CatalogUser = includeCatalog ? await catalog.GetMeAsync(cancellationToken) : null,
        };
    }

    [McpServerTool(Name = AwsIdentityName, ReadOnly = true, Idempotent = true, OpenWorld = true)]
    [Description("Shows the AWS identity tools act as for this request: role ARN, STS assumed-role user, credential "
        + "expiry and region, obtaining the credentials if needed. Fails with the AWS error code when they cannot be "
        + "obtained. Never returns a key, secret or session token.")]
    public static async Task<AwsIdentity> GetAwsIdentityAsync(IAwsCredentialsResolver resolver, CancellationToken cancellationToken)
    {
        var access = await resolver.ResolveAsync(cancellationToken);
        var context = RuntimeContext.Current;
        return new AwsIdentity
        {
            Environment = context.Environment,
            PrincipalId = context.Principal?.PrincipalId,
            Subject = context.Principal?.Claims?.Subject,
            Source = access.Source,
            RoleArn = access.RoleArn,
            RoleSource = context.Metadata.GetValueOrDefault(RuntimeMetadataKeys.RoleSource),
            AssumedRoleUser = access.AssumedRoleUserArn,
            CredentialsExpireAt = access.Expiration,
            Region = access.Region.SystemName,
            RequestId = context.Metadata.GetValueOrDefault(RuntimeMetadataKeys.RequestId),
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
