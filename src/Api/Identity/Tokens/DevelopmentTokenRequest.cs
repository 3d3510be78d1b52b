namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>What a development token should say (the <c>quilt-mcp token</c> command's arguments).</summary>
public sealed record DevelopmentTokenRequest
{
    public required string Subject { get; init; }

    /// <summary>Written as one space-separated <c>scope</c> string, as OAuth servers do.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = [];

    public IReadOnlyList<string> Buckets { get; init; } = [];

    /// <summary>Full action names (e.g. <c>s3:GetObject</c>); omitted from the token when empty.</summary>
    public IReadOnlyList<string> Permissions { get; init; } = [];

    /// <summary>Omitted from the token when empty.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Which configured key signs; the first configured key when null.</summary>
    public string? Kid { get; init; }

    /// <summary>Defaults to the configured Quilt issuer.</summary>
    public string? Issuer { get; init; }

    /// <summary>Defaults to the configured Quilt audience.</summary>
    public string? Audience { get; init; }
}
