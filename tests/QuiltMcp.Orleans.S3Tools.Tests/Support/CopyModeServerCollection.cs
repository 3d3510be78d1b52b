namespace QuiltMcp.Orleans.S3Tools.Tests.Support;

/// <summary>Test classes that share the one <see cref="CopyModeServer"/>; each uses its own buckets.</summary>
[CollectionDefinition(Name)]
public sealed class CopyModeServerCollection : ICollectionFixture<CopyModeServer>
{
    public const string Name = "copy mode server";
}
