namespace QuiltMcp.Orleans.Api.Context;

/// <summary>Well-known keys of <see cref="RuntimeContextState.Metadata"/>.</summary>
public static class RuntimeMetadataKeys
{
    public const string RequestId = "request_id";
    public const string Transport = "transport";
    public const string QuiltUserId = "quilt_user_id";
    public const string RoleArn = "role_arn";
}
