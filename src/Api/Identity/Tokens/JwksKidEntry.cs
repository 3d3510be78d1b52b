namespace QuiltMcp.Orleans.Api.Identity.Tokens;

/// <summary>
/// What an issuer's JWKS holds under one kid: the keys this server verifies with, or, when it publishes keys under
/// that kid but none is usable, why (so the caller learns "refused: RSA key of 1024 bits", not "unknown key").
/// </summary>
internal sealed record JwksKidEntry(IReadOnlyList<JwksSigningKey> Keys, string? Refusal);
