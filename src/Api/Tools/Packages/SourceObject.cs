using QuiltMcp.Orleans.Api.Quilt3;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tools.Packages;

/// <summary>An object chosen for a package, before its content is hashed.</summary>
public sealed record SourceObject(string LogicalKey, S3Uri Location, JsonElement Meta);
