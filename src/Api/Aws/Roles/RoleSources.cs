namespace QuiltMcp.Orleans.Api.Aws.Roles;

/// <summary>Where a request's role came from; recorded as request metadata <c>role_source</c>.</summary>
public static class RoleSources
{
    public const string None = "none";

    /// <summary>The <c>X-Quilt-User-Role</c> header, after checking the token grants it.</summary>
    public const string Header = "header";

    /// <summary>The token's <c>aws_role_arn</c> / <c>awsRoleArn</c> claim.</summary>
    public const string ArnClaim = "claim";

    /// <summary>A role name of the token's <c>roles</c> claim, mapped by configuration.</summary>
    public const string RolesClaim = "roles-claim";
}
