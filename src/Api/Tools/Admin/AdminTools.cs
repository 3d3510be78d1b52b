using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using QuiltMcp.Orleans.Api.Catalog.Admin;
using QuiltMcp.Orleans.Api.Identity;

namespace QuiltMcp.Orleans.Api.Tools.Admin;

/// <summary>
/// The Quilt catalog's admin views, read-only: users, roles and policies. Only callers with the admin scope see and
/// call them (<c>Authorization:AdminScope</c>), and the catalog answers them only for its admins.
/// </summary>
[McpServerToolType]
public sealed class AdminTools(CatalogAdminReader catalog)
{
    public const string UsersListName = "admin_users_list";
    public const string UserGetName = "admin_user_get";
    public const string RolesListName = "admin_roles_list";
    public const string PoliciesListName = "admin_policies_list";

    [McpServerTool(Name = UsersListName, UseStructuredContent = true, Title = "List catalog users", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Catalog admins only: lists every user of the Quilt catalog with email, whether active and admin, "
        + "active role, extra roles and last login. For one user's full record (SSO-only, service account, date "
        + "joined) use admin_user_get; for what the roles grant, admin_roles_list and admin_policies_list. Read-only.")]
    public async Task<AdminUserList> ListUsersAsync(Caller caller, CancellationToken cancellationToken)
    {
        var users = await catalog.ListUsersAsync(caller, cancellationToken);
        return new AdminUserList
        {
            Users = users.Select(user => new AdminUserSummary
            {
                Name = user.Name,
                Email = user.Email,
                IsActive = user.IsActive,
                IsAdmin = user.IsAdmin,
                Role = user.Role?.Name,
                ExtraRoles = RoleNames(user.ExtraRoles),
                LastLogin = user.LastLogin,
            }).ToArray(),
        };
    }

    [McpServerTool(Name = UserGetName, UseStructuredContent = true, Title = "Show a catalog user", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Catalog admins only: one Quilt catalog user by name: email, active, admin, SSO-only, service account, "
        + "active and extra roles, date joined and last login. admin_users_list gives the names. Read-only.")]
    public async Task<AdminUserDetail> GetUserAsync(
        Caller caller,
        [Description("The user's catalog name (as admin_users_list shows it), not the email.")] string name,
        CancellationToken cancellationToken = default)
    {
        CatalogUserName.Ensure(name, nameof(name));
        var user = await catalog.GetUserAsync(caller, name, cancellationToken)
            ?? throw new McpException($"The Quilt catalog has no user '{name}'; admin_users_list lists the users.");
        return new AdminUserDetail
        {
            Name = user.Name,
            Email = user.Email,
            IsActive = user.IsActive,
            IsAdmin = user.IsAdmin,
            IsSsoOnly = user.IsSsoOnly,
            IsService = user.IsService,
            Role = user.Role?.Name,
            ExtraRoles = RoleNames(user.ExtraRoles),
            DateJoined = user.DateJoined,
            LastLogin = user.LastLogin,
        };
    }

    [McpServerTool(Name = RolesListName, UseStructuredContent = true, Title = "List catalog roles", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Catalog admins only: lists the Quilt catalog's roles: name, kind (managed: the catalog builds its IAM "
        + "role from policies; unmanaged: an existing IAM role it only names), IAM role ARN, and for managed roles "
        + "the titles of their policies. What each policy grants per bucket: admin_policies_list. Read-only.")]
    public async Task<AdminRoleList> ListRolesAsync(Caller caller, CancellationToken cancellationToken)
    {
        var roles = await catalog.ListRolesAsync(caller, cancellationToken);
        return new AdminRoleList
        {
            Roles = roles.Select(role => new AdminRoleSummary
            {
                Name = role.Name,
                Kind = role.IsManaged ? AdminRoleSummary.Managed : AdminRoleSummary.Unmanaged,
                Arn = role.Arn,
                Policies = role.IsManaged ? (role.Policies ?? []).Select(policy => policy.Title).ToArray() : null,
            }).ToArray(),
        };
    }

    [McpServerTool(Name = PoliciesListName, UseStructuredContent = true, Title = "List catalog policies", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Catalog admins only: lists the Quilt catalog's policies: title, whether the catalog manages it, its "
        + "IAM policy ARN, the access it grants per bucket (READ or READ_WRITE) and the roles it is attached to. "
        + "Roles themselves: admin_roles_list. Read-only.")]
    public async Task<AdminPolicyList> ListPoliciesAsync(Caller caller, CancellationToken cancellationToken)
    {
        var policies = await catalog.ListPoliciesAsync(caller, cancellationToken);
        return new AdminPolicyList
        {
            Policies = policies.Select(policy => new AdminPolicySummary
            {
                Title = policy.Title,
                Managed = policy.Managed,
                Arn = policy.Arn,
                Permissions = (policy.Permissions ?? [])
                    .Select(permission => new AdminBucketPermission { Bucket = permission.Bucket.Name, Level = permission.Level })
                    .ToArray(),
                Roles = RoleNames(policy.Roles),
            }).ToArray(),
        };
    }

    private static string[] RoleNames(IReadOnlyList<CatalogAdminRole>? roles) => (roles ?? []).Select(role => role.Name).ToArray();
}
