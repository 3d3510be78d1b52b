using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using QuiltMcp.Orleans.Api.Identity;

namespace QuiltMcp.Orleans.Api.Resources;

/// <summary>
/// The resources and resource templates a client can attach as context without a tool call. Each entry point hands the
/// URI, exactly as sent, to <see cref="ResourceReader"/>: the templates tell clients which URIs exist (RFC 6570, as the
/// SDK matches them), and the reader's own parse decides what a URI means, so a URI the SDK's matcher reads loosely is
/// still held to the tools' rules.
/// </summary>
[McpServerResourceType]
public sealed class QuiltResources(ResourceReader reader)
{
    public const string AuthStatusName = "auth_status";
    public const string S3ObjectName = "s3_object";
    public const string PackageSummaryName = "package_summary";
    public const string PackageEntryName = "package_file";

    public const string S3ObjectTemplate = "s3://{bucket}/{+key}{?versionId}";
    public const string PackageSummaryTemplate = "quilt+s3://{bucket}#package={+package}";
    public const string PackageEntryTemplate = "quilt+s3://{bucket}#package={+package}&path={+path}";

    [McpServerResource(UriTemplate = ResourceAddress.AuthStatusUri, Name = AuthStatusName, Title = "Authentication status", MimeType = "application/json")]
    [Description("How this request is authenticated, as the auth_status tool shows it: environment, scheme, subject, scopes, "
        + "number of buckets, AWS role and when its cached credentials expire. Never the token or a credential.")]
    public Task<ReadResourceResult> ReadAuthStatusAsync(Caller caller, RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken) =>
        ReadAsync(caller, request, cancellationToken);

    [McpServerResource(UriTemplate = S3ObjectTemplate, Name = S3ObjectName, Title = "S3 object")]
    [Description("One S3 object, whole: UTF-8 text as text, other bytes as a base64 blob, with the object's content type; "
        + "at most 8 MiB (use bucket_object_text for part of a larger text, bucket_object_link for a download link). "
        + "The key is percent-encoded as in the tools' s3:// URIs; versionId reads one version. Needs what "
        + "bucket_object_fetch needs: scope quilt:read, the bucket in your token, s3:GetObject (s3:GetObjectVersion "
        + "with a versionId).")]
    public Task<ReadResourceResult> ReadObjectAsync(Caller caller, RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken) =>
        ReadAsync(caller, request, cancellationToken);

    [McpServerResource(UriTemplate = PackageSummaryTemplate, Name = PackageSummaryName, Title = "Quilt package summary", MimeType = "application/json")]
    [Description("A Quilt package revision as JSON: top hash, message, metadata, file count and total size, and up to 1000 "
        + "files with the quilt+s3:// URI that reads each (pinned to the revision). package is namespace/name, optionally "
        + "followed by @top_hash (or a prefix of 6+ hex digits) or :tag (latest, or a revision time); the latest "
        + "revision by default. Needs what package_browse needs: quilt:read, the bucket, s3:GetObject and s3:ListBucket.")]
    public Task<ReadResourceResult> ReadPackageSummaryAsync(Caller caller, RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken) =>
        ReadAsync(caller, request, cancellationToken);

    [McpServerResource(UriTemplate = PackageEntryTemplate, Name = PackageEntryName, Title = "File in a Quilt package")]
    [Description("One file of a Quilt package revision, by its logical key (path), read from where the manifest says it is: "
        + "text as text, other bytes as a base64 blob, at most 8 MiB. quilt3's URI form: quilt+s3://bucket#package="
        + "namespace/name@top_hash&path=logical/key (or :tag, or neither for the latest revision). Needs what "
        + "package_browse and bucket_object_fetch need, on the registry bucket and on the bucket holding the data.")]
    public Task<ReadResourceResult> ReadPackageEntryAsync(Caller caller, RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken) =>
        ReadAsync(caller, request, cancellationToken);

    private Task<ReadResourceResult> ReadAsync(Caller caller, RequestContext<ReadResourceRequestParams> request, CancellationToken cancellationToken) =>
        reader.ReadAsync(caller, request.Params?.Uri, cancellationToken);
}
