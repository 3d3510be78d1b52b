using Microsoft.IdentityModel.Tokens;

namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>The keys a token may be verified with, or why there are none.</summary>
internal readonly record struct SigningKeyLookup(IReadOnlyList<SecurityKey> Keys, string? FailureReason)
{
    public static SigningKeyLookup Found(IReadOnlyList<SecurityKey> keys) => new(keys, null);

    public static SigningKeyLookup NotFound(string reason) => new([], reason);
}
