namespace QuiltMcp.Orleans.Api.Identity;

/// <summary>The IAM role a request acts in.</summary>
/// <param name="Arn">The role to assume.</param>
/// <param name="Source">Where it came from (see <c>Roles/RoleSources</c>): header, ARN claim or roles claim.</param>
public sealed record SelectedRole(string Arn, string Source);
