using QuiltMcp.Orleans.Api.Access;

namespace QuiltMcp.Orleans.Silo.Cli;

/// <summary>
/// What <c>quilt-mcp token</c> says on stderr about a token that would be refused where its holder probably meant it
/// to work. The token is printed anyway: a scope or grant may be meant for another service.
/// </summary>
public static class TokenWarnings
{
    private const string Prefix = "quilt-mcp token: warning: ";

    /// <summary>
    /// A typo in a scope (<c>quilt:reed</c>) yields a token no tool accepts; name the scopes tools do require with this
    /// configuration.
    /// </summary>
    public static string? UnusedScopes(ToolAccessPolicy tools, IReadOnlyCollection<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(tools);
        var required = tools.SupportedScopes();
        var unused = scopes.Where(scope => !required.Contains(scope, StringComparer.Ordinal)).ToArray();
        return unused.Length == 0
            ? null
            : $"{Prefix}no tool requires {string.Join(", ", unused.Select(scope => $"'{scope}'"))}; "
                + $"the scopes tools require are: {string.Join(' ', required)}.";
    }

    /// <summary>
    /// Bucket and package tools check both the bucket (<c>--buckets</c>) and the S3 action (<c>--permissions</c>): a
    /// token with only one of them is refused by every one of those tools.
    /// </summary>
    public static string? IncompleteBucketGrant(IReadOnlyCollection<string> buckets, IReadOnlyCollection<string> permissions) =>
        (buckets.Count, permissions.Count) switch
        {
            ( > 0, 0) => $"{Prefix}--buckets without --permissions: bucket and package tools also check the S3 action "
                + "and will refuse every call; add e.g. --permissions s3:GetObject,s3:ListBucket to read "
                + "(s3:PutObject to write, s3:DeleteObject to delete packages, s3:* for all).",
            (0, > 0) => $"{Prefix}--permissions without --buckets: bucket and package tools will refuse every bucket; "
                + "add --buckets with the bucket names (a name ending in * grants every bucket it starts).",
            _ => null,
        };
}
