namespace QuiltMcp.Orleans.Api.Quilt3;

/// <summary>A named package's <c>latest</c> pointer: the top hash it names and when it was last written.</summary>
public sealed record PackagePointer(string Name, string TopHash, DateTimeOffset? Modified);
