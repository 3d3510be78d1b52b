namespace QuiltMcp.Orleans.Api.Quilt3;

/// <summary>
/// Something is not valid quilt3 package data: a package name, logical key, revision selector, commit message,
/// metadata value or manifest. The message names the value and the rule.
/// </summary>
public sealed class PackageFormatException(string message) : CallerFacingException(message);
