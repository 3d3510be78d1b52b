namespace QuiltMcp.Orleans.Api.Access;

/// <summary>
/// The <c>Authorization</c> section: which scope each tool needs (the original server's TOOL_SCOPE_MAP).
/// A tool missing from the map is refused to everyone over HTTP, so a new tool is never exposed by accident.
/// </summary>
public sealed class ToolScopeOptions
{
    public const string SectionName = "Authorization";

    /// <summary>Read access to Quilt buckets and packages.</summary>
    public const string ReadScope = "quilt:read";

    /// <summary>Writes to buckets and packages.</summary>
    public const string WriteScope = "quilt:write";

    /// <summary>The default of <see cref="AdminScope"/>.</summary>
    public const string DefaultAdminScope = "quilt:admin";

    /// <summary>
    /// The catalog admin views (users, roles, policies). They only read, but what they show (every user's email, every
    /// role's IAM ARN) is for administrators, so they have a scope of their own, and the catalog still checks that its
    /// user is a catalog admin.
    /// </summary>
    public static readonly IReadOnlyList<string> AdminTools = ["admin_users_list", "admin_user_get", "admin_roles_list", "admin_policies_list"];

    /// <summary>
    /// The scope every tool of <see cref="AdminTools"/> requires (<c>Authorization:AdminScope</c>), unless
    /// <c>Authorization:ToolScopes:&lt;tool&gt;</c> names another for that tool. One scope name, never empty: admin
    /// views are not opened to every caller by leaving a setting blank.
    /// </summary>
    public string AdminScope { get; set; } = DefaultAdminScope;

    /// <summary>
    /// Tool name → required scope. An empty scope means any caller may use the tool, an anonymous one on a development
    /// server that admits them included (the identity tools: a caller can always ask who the server thinks they are).
    /// Configured entries replace defaults.
    /// </summary>
    public Dictionary<string, string> ToolScopes { get; set; } = new(StringComparer.Ordinal)
    {
        ["auth_status"] = "",
        ["get_user_info"] = "",
        ["aws_identity"] = "",
        ["get_public_info"] = "public:read",
        ["get_confidential_info"] = "confidential:read",

        // Data tools. Reads need quilt:read; anything that writes or deletes needs quilt:write. package_delete stays
        // at quilt:write because it removes only name pointers (manifests and data remain) and the bucket check
        // still demands s3:DeleteObject on that bucket.
        ["bucket_list"] = ReadScope,
        ["bucket_objects_list"] = ReadScope,
        ["bucket_object_info"] = ReadScope,
        ["bucket_object_text"] = ReadScope,
        ["bucket_object_fetch"] = ReadScope,
        ["bucket_object_link"] = ReadScope,
        ["bucket_objects_put"] = WriteScope,
        ["package_list"] = ReadScope,
        ["package_browse"] = ReadScope,
        ["package_diff"] = ReadScope,
        ["package_create"] = WriteScope,
        ["package_update"] = WriteScope,
        ["package_delete"] = WriteScope,
        ["catalog_url"] = ReadScope,
        ["catalog_uri"] = ReadScope,
        ["search_catalog"] = ReadScope,
        ["bucket_tabulator_tables_list"] = ReadScope,

        // Catalog admin views; AddQuiltAccess replaces these with the configured AdminScope.
        ["admin_users_list"] = DefaultAdminScope,
        ["admin_user_get"] = DefaultAdminScope,
        ["admin_roles_list"] = DefaultAdminScope,
        ["admin_policies_list"] = DefaultAdminScope,
    };
}
