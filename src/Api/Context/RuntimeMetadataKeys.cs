namespace QuiltMcp.Orleans.Api.Context;

/// <summary>Well-known keys of <see cref="RuntimeContextState.Metadata"/>.</summary>
public static class RuntimeMetadataKeys
{
    public const string RequestId = "request_id";
    public const string Transport = "transport";
    public const string QuiltUserId = "quilt_user_id";
    public const string RoleArn = "role_arn";

    /// <summary>Where <see cref="RoleArn"/> came from: header, claim, roles-claim (see Roles/RoleSources).</summary>
    public const string RoleSource = "role_source";
}
