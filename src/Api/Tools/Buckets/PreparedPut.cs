namespace QuiltMcp.Orleans.Api.Tools.Buckets;

/// <summary>An item of <c>bucket_objects_put</c> after validation: decoded bytes ready to send.</summary>
public sealed record PreparedPut(string Key, byte[] Body, string ContentType, IReadOnlyDictionary<string, string> Metadata);
