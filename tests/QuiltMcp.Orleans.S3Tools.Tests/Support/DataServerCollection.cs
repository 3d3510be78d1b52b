namespace QuiltMcp.Orleans.S3Tools.Tests.Support;

/// <summary>Test classes that share the one <see cref="DataServer"/>; each uses its own buckets.</summary>
[CollectionDefinition(Name)]
public sealed class DataServerCollection : ICollectionFixture<DataServer>
{
    public const string Name = "data server";
}
