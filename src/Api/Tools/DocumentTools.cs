using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace QuiltMcp.Orleans.Api.Tools;

/// <summary>
/// Markdown documents guarded by scopes (<c>public:read</c>, <c>confidential:read</c>); the scope check lives in
/// the authorization filters, so these methods only read files.
/// </summary>
[McpServerToolType]
public sealed class DocumentTools(IOptions<DocumentOptions> options)
{
    public const string PublicName = "get_public_info";
    public const string ConfidentialName = "get_confidential_info";

    [McpServerTool(Name = PublicName, Title = "Public company information", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Returns the public company information document (markdown). Requires scope public:read.")]
    public Task<string> GetPublicInfoAsync(CancellationToken cancellationToken) => ReadAsync("public.md", cancellationToken);

    [McpServerTool(Name = ConfidentialName, Title = "Confidential strategy document", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Returns the confidential strategy document (markdown). Requires scope confidential:read.")]
    public Task<string> GetConfidentialInfoAsync(CancellationToken cancellationToken) => ReadAsync("confidential.md", cancellationToken);

    private async Task<string> ReadAsync(string fileName, CancellationToken cancellationToken)
    {
        var path = Path.Combine(options.Value.ResolvedPath, fileName);
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new McpException($"The document '{fileName}' is not available on this server (Documents:Path).");
        }
    }
}
