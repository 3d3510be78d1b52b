namespace QuiltMcp.Orleans.Api.Authorization;

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

    /// <summary>Administrative tools.</summary>
    public const string AdminScope = "quilt:admin";

    /// <summary>
    /// Tool name → required scope. An empty scope means any authenticated caller may use the tool (the identity
    /// tools: a caller can always ask who the server thinks they are). Configured entries replace defaults.
    /// </summary>
    public Dictionary<string, string> ToolScopes { get; set; } = new(StringComparer.Ordinal)
    {
        ["auth_status"] = "",
        ["get_user_info"] = "",
        ["get_public_info"] = "public:read",
        ["get_confidential_info"] = "confidential:read",
    };
}
