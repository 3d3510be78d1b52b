using System.ComponentModel;
using ModelContextProtocol.Server;
using QuiltMcp.Orleans.Api.Aws;
using QuiltMcp.Orleans.Api.Catalog;
using QuiltMcp.Orleans.Api.Identity;

namespace QuiltMcp.Orleans.Api.Tools;

/// <summary>Tools that tell a caller how the server sees them. All are read-only and safe to call any time.</summary>
[McpServerToolType]
public sealed class AuthTools
{
    public const string AuthStatusName = "auth_status";
    public const string UserInfoName = "get_user_info";
    public const string AwsIdentityName = "aws_identity";

    /// <summary>Formerly <c>includeCatalog</c>, which <see cref="ArgumentAliases"/> still accepts.</summary>
    public const string IncludeCatalogArgument = "include_catalog";

    [McpServerTool(Name = AuthStatusName, UseStructuredContent = true, Title = "Authentication status", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Start here when a call is refused or you are unsure what you may do: shows how this request is "
        + "authenticated (environment, auth scheme, subject, scopes, number of buckets), the AWS role in use and "
        + "when its cached credentials expire, without any AWS call. With include_catalog, also who the Quilt "
        + "catalog says you are. For the AWS identity itself use aws_identity; for name, email and roles use "
        + "get_user_info. Never returns the token or any credential.")]
    public static async Task<AuthStatus> GetAuthStatusAsync(
        Caller caller,
        ICatalogClient catalog,
        IOptionsMonitor<CatalogOptions> catalogOptions,
        LocalRoleCredentialCache localCredentials,
        [Description("Also ask the Quilt catalog who the bearer is (its GraphQL 'me'). Without a configured catalog the "
            + "status says so in catalog_note.")] bool include_catalog = false,
        CancellationToken cancellationToken = default)
    {
        var claims = caller.Claims;
        var roleArn = caller.Role?.Arn;
        var catalogConfigured = !string.IsNullOrWhiteSpace(catalogOptions.CurrentValue.GraphQlUrl);

        // Only what is already held: showing status must never cost an STS call, nor a grain call when this silo holds
        // the credentials itself.
        var expiry = roleArn is null ? null : localCredentials.ExpiryOf(caller.PrincipalId, roleArn);
        if (roleArn is not null && expiry is null)
        {
            var grain = await caller.GetGrainAsync(cancellationToken);
            expiry = await grain.GetCachedCredentialsExpiryAsync(roleArn).WaitAsync(cancellationToken);
        }
        return new AuthStatus
        {
            Environment = caller.Environment,
            Authenticated = caller.Credential is not null,
            Scheme = caller.Credential?.Scheme,
            PrincipalId = caller.PrincipalId,
            Subject = claims?.Subject,
            Issuer = claims?.Issuer,
            Scopes = claims?.Scopes ?? [],
            BucketCount = claims?.Buckets.Length ?? 0,
            RoleArn = roleArn,
            RoleSource = caller.Role?.Source,
            CredentialsExpireAt = expiry,
            QuiltUserId = caller.Request.QuiltUserId,
            CatalogUser = include_catalog && catalogConfigured ? await catalog.GetMeAsync(caller, cancellationToken) : null,
            CatalogNote = include_catalog && !catalogConfigured
                ? "No Quilt catalog is configured on this server (Catalog:GraphQlUrl), so there is no catalog user to show."
                : null,
        };
    }

    [McpServerTool(Name = AwsIdentityName, UseStructuredContent = true, Title = "AWS identity", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Use when a data tool reports that AWS credentials are unavailable, or to see which AWS identity the data "
        + "tools act as: role ARN, STS assumed-role user, credential expiry and region, obtaining the credentials if "
        + "needed. Fails with the AWS error code when they cannot be obtained. Never returns a key, secret or "
        + "session token.")]
    public static async Task<AwsIdentity> GetAwsIdentityAsync(Caller caller, IAwsCredentialsResolver resolver, CancellationToken cancellationToken)
    {
        var access = await resolver.ResolveAsync(caller, cancellationToken);
        return new AwsIdentity
        {
            Environment = caller.Environment,
            PrincipalId = caller.PrincipalId,
            Subject = caller.Claims?.Subject,
            Source = access.Source,
            RoleArn = access.RoleArn,
            RoleSource = caller.Role?.Source,
            AssumedRoleUser = access.AssumedRoleUserArn,
            CredentialsExpireAt = access.Expiration,
            Region = access.Region.SystemName,
            RequestId = caller.Request.RequestId,
            QuiltUserId = caller.Request.QuiltUserId,
        };
    }

    [McpServerTool(Name = UserInfoName, UseStructuredContent = true, Title = "Who am I", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Returns who the server thinks the caller is, as held by the caller's principal grain: subject, name, "
        + "email, scopes, roles and the buckets the token grants. For a quick check of scopes and role use "
        + "auth_status.")]
    public static async Task<UserInfo> GetUserInfoAsync(Caller caller, PrincipalSnapshotCache snapshots, CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.GetAsync(caller, cancellationToken);
        var claims = snapshot.Claims ?? caller.Claims;
        return new UserInfo
        {
            PrincipalId = snapshot.PrincipalId,
            Environment = caller.Environment,
            Authenticated = caller.Credential is not null,
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
