using QuiltMcp.Orleans.Api.Identity;

namespace QuiltMcp.Orleans.Api.Aws.Roles;

/// <summary>
/// Picks the IAM role of a request. A header names a role the caller wants; it stands only for an authenticated
/// caller and only when the token grants the role (its ARN claim or a name in <c>roles</c>) or configuration
/// allow-lists it, because a header alone proves nothing. Without a header the token's own claims decide.
/// </summary>
public sealed class RoleSelector(IOptionsMonitor<RoleOptions> options)
{
    /// <summary>
    /// The role of a request from its caller (null: no valid token) and its role header (null: none sent).
    /// </summary>
    public RoleSelection Select(Caller? caller, string? header)
    {
        var authenticated = caller is { IsAuthenticated: true } ? caller : null;
        if (header is not null)
        {
            return authenticated is not null
                ? SelectFromHeader(authenticated, header.Trim())
                : RoleSelection.Refuse(StatusCodes.Status401Unauthorized,
                    "the X-Quilt-User-Role header requires an authenticated caller");
        }

        return authenticated is not null ? SelectFromToken(authenticated) : RoleSelection.None;
    }

    /// <summary>The ARN a role name stands for: an explicit mapping, else the configured account; null if neither.</summary>
    public string? ResolveName(string roleName)
    {
        var current = options.CurrentValue;
        if (current.RoleArns.TryGetValue(roleName, out var mapped))
        {
            return mapped;
        }

        return IamRoleArns.IsAccountId(current.AccountId) && IamRoleArns.IsRoleName(roleName)
            ? IamRoleArns.Build(current.Partition, current.AccountId!, roleName)
            : null;
    }

    private RoleSelection SelectFromHeader(Caller caller, string header)
    {
        string requested;
        if (IamRoleArns.IsRoleArn(header))
        {
            requested = header;
        }
        else if (IamRoleArns.IsRoleName(header))
        {
            requested = ResolveName(header) ?? "";
            if (requested.Length == 0)
            {
                return RoleSelection.Refuse(StatusCodes.Status403Forbidden,
                    $"role '{header}' has no ARN mapping (Roles:RoleArns) and no account is configured (Roles:AccountId)");
            }
        }
        else
        {
            return RoleSelection.Refuse(StatusCodes.Status400BadRequest,
                "the X-Quilt-User-Role header is neither an IAM role ARN nor a role name");
        }

        return GrantedRoles(caller).Contains(requested, StringComparer.Ordinal) || AllowListed(requested)
            ? new RoleSelection(requested, RoleSources.Header)
            : RoleSelection.Refuse(StatusCodes.Status403Forbidden,
                $"role '{requested}' is not granted by the caller's token and not allow-listed (Roles:AllowedHeaderRoles)");
    }

    private RoleSelection SelectFromToken(Caller caller)
    {
        if (ArnClaim(caller) is { } arn)
        {
            return new RoleSelection(arn, RoleSources.ArnClaim);
        }

        foreach (var roleName in caller.Claims!.Roles)
        {
            if (ResolveName(roleName) is { } resolved)
            {
                return new RoleSelection(resolved, RoleSources.RolesClaim);
            }
        }

        return RoleSelection.None;
    }

    private IEnumerable<string> GrantedRoles(Caller caller)
    {
        if (ArnClaim(caller) is { } arn)
        {
            yield return arn;
        }

        foreach (var roleName in caller.Claims!.Roles)
        {
            if (ResolveName(roleName) is { } resolved)
            {
                yield return resolved;
            }
        }
    }

    private bool AllowListed(string requestedArn) =>
        options.CurrentValue.AllowedHeaderRoles.Any(entry =>
            string.Equals(IamRoleArns.IsRoleArn(entry) ? entry : ResolveName(entry), requestedArn, StringComparison.Ordinal));

    /// <summary>The role ARN the token names directly (decoded and checked for form with the other claims).</summary>
    private static string? ArnClaim(Caller caller) => caller.Claims!.RoleArn;
}
