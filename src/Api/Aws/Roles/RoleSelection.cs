namespace QuiltMcp.Orleans.Api.Aws.Roles;

/// <summary>Which IAM role a request acts in, or why the requested one was refused.</summary>
/// <param name="RoleArn">The role to assume, or null when the request has none.</param>
/// <param name="Source">Where the role came from (see <see cref="RoleSources"/>).</param>
/// <param name="Refusal">Why a header-selected role was refused; null when the selection stands.</param>
/// <param name="StatusCode">The HTTP status for a refusal (401, 400 or 403).</param>
public sealed record RoleSelection(string? RoleArn, string Source, string? Refusal = null, int StatusCode = 200)
{
    public bool Refused => Refusal is not null;

    public static RoleSelection None { get; } = new(null, RoleSources.None);

    public static RoleSelection Refuse(int statusCode, string reason) => new(null, RoleSources.Header, reason, statusCode);
}
