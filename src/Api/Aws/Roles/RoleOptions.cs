namespace QuiltMcp.Orleans.Api.Aws.Roles;

/// <summary>
/// The <c>Roles</c> section: how role names become IAM role ARNs and which roles the <c>X-Quilt-User-Role</c>
/// header may select beyond those a caller's token grants.
/// </summary>
public sealed class RoleOptions
{
    public const string SectionName = "Roles";

    /// <summary>The AWS account of role names that have no explicit mapping (12 digits).</summary>
    public string? AccountId { get; set; }

    /// <summary>The ARN partition of role names resolved with <see cref="AccountId"/>.</summary>
    public string Partition { get; set; } = "aws";

    /// <summary>Role name (as in the token's <c>roles</c> claim or the header) → IAM role ARN.</summary>
    public Dictionary<string, string> RoleArns { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Role names or ARNs that any authenticated caller may select with the header even when the token does not
    /// grant them. Empty by default: only granted roles are honoured.
    /// </summary>
    public List<string> AllowedHeaderRoles { get; set; } = [];
}
