namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>
/// A claim is present but unusable (wrong type, undecodable compressed form). The message is a reason safe to
/// return to the caller: it names the claim, never its value.
/// </summary>
internal sealed class InvalidClaimException(string reason) : Exception(reason);
