using System.Text.RegularExpressions;

namespace QuiltMcp.Orleans.Api.Aws.Roles;

/// <summary>The shape of IAM role ARNs and role names, checked before anything is sent to STS.</summary>
public static partial class IamRoleArns
{
    /// <summary>True for <c>arn:&lt;partition&gt;:iam::&lt;12 digits&gt;:role/[path/]name</c>.</summary>
    public static bool IsRoleArn(string? value) => value is not null && value.Length <= 2048 && RoleArnPattern().IsMatch(value);

    /// <summary>True for an IAM role name (1–64 of <c>[A-Za-z0-9+=,.@_-]</c>).</summary>
    public static bool IsRoleName(string? value) => value is not null && RoleNamePattern().IsMatch(value);

    public static bool IsAccountId(string? value) => value is not null && AccountIdPattern().IsMatch(value);

    public static string Build(string partition, string accountId, string roleName) =>
        $"arn:{partition}:iam::{accountId}:role/{roleName}";

    [GeneratedRegex(@"\Aarn:aws[a-z-]*:iam::\d{12}:role/(?:[\x21-\x7E]+/)?[A-Za-z0-9+=,.@_-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArnPattern();

    [GeneratedRegex(@"\A[A-Za-z0-9+=,.@_-]{1,64}\z", RegexOptions.CultureInvariant)]
    private static partial Regex RoleNamePattern();

    [GeneratedRegex(@"\A\d{12}\z", RegexOptions.CultureInvariant)]
    private static partial Regex AccountIdPattern();
}
