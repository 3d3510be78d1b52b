using QuiltMcp.Orleans.Api.Tools;
using QuiltMcp.Orleans.Api.Tools.Buckets;
using QuiltMcp.Orleans.Api.Tools.Packages;

namespace QuiltMcp.Orleans.Api.Resources;

/// <summary>
/// The tools whose data each kind of resource returns. A resource is authorized exactly as they are: the caller needs
/// the scope of every one of them (<c>Authorization:ToolScopes</c>, so reconfiguring a tool's scope moves its resource
/// with it), and then the same bucket grants and S3 actions.
/// </summary>
public static class ResourceToolEquivalents
{
    public static IReadOnlyList<string> For(ResourceKind kind) => kind switch
    {
        ResourceKind.AuthStatus => [AuthTools.AuthStatusName],
        // Reading a whole object as text or bytes is bucket_object_fetch; bucket_object_text reads the same bytes.
        ResourceKind.S3Object => [BucketObjectReadTools.FetchName, BucketObjectReadTools.TextName],
        ResourceKind.PackageSummary => [PackageReadTools.BrowseName],
        ResourceKind.PackageEntry => [PackageReadTools.BrowseName, BucketObjectReadTools.FetchName],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
