using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Server;
using QuiltMcp.Orleans.Api.Access;
using QuiltMcp.Orleans.Api.Catalog;
using QuiltMcp.Orleans.Api.Catalog.Search;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.Quilt3;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tools.Search;

/// <summary>
/// Finding data by what it is about: the catalog's search over packages and objects, as the caller (their own token),
/// within the buckets they may use. One kind per call, so each page has one cursor; packages by default, because a
/// package is the documented, versioned unit a question like "data about X" usually means, and a package hit leads
/// straight to <c>package_browse</c>.
/// </summary>
[McpServerToolType]
public sealed class SearchTools(CatalogSearchClient search, BucketAccessPolicy policy, ICatalogClient catalog)
{
    public const string Name = "search_catalog";

    /// <summary>How much of a message, metadata or indexed text a hit carries.</summary>
    public const int SnippetLength = 200;

    /// <summary>How many matching entries of a package hit are listed.</summary>
    public const int MatchingEntriesShown = 5;

    private readonly SearchBucketScope _buckets = new(policy, catalog);

    [McpServerTool(Name = Name, UseStructuredContent = true, Title = "Search the catalog", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Finds data by what it is about, across the buckets you may use, through the Quilt catalog's search: "
        + "Quilt packages (the default; each hit has bucket, package, top_hash and a quilt_uri, to open with "
        + "package_browse) or S3 objects (result_type 'objects'; each hit has an s3_uri for bucket_object_text or "
        + "bucket_object_info). query uses Elasticsearch query-string syntax (words, \"exact phrase\", AND/OR/NOT, "
        + "field:value, wildcards); filters narrow it. When next_cursor is present, pass it as cursor for the next page "
        + "(the cursor carries the search; other arguments but limit are then ignored). Use package_list or "
        + "bucket_objects_list instead when you already know the bucket and want everything in it.")]
    public async Task<SearchResult> SearchAsync(
        Caller caller,
        [Description("Words to search for, Elasticsearch query-string syntax; leave out to match everything the filters allow.")] string? query = null,
        [Description("'packages' (default) or 'objects'.")] string? result_type = null,
        [Description("Only these buckets (names, no s3://); default: every bucket you may use.")] string[]? buckets = null,
        [Description("Packages only: the package name, exact or a pattern with * and ? (e.g. 'team/*').")] string? name = null,
        [Description("Objects only: the object key, exact or a pattern with * and ? (e.g. 'raw/*.csv').")] string? key = null,
        [Description("Objects only: file extensions, e.g. ['csv', 'parquet'].")] string[]? ext = null,
        [Description("At least this many bytes (a package's total size, or an object's).")] long? min_size = null,
        [Description("At most this many bytes.")] long? max_size = null,
        [Description("Modified on or after this ISO 8601 date or time, e.g. 2024-05-01.")] string? modified_after = null,
        [Description("Modified on or before this ISO 8601 date or time (a bare date includes that whole day).")] string? modified_before = null,
        [Description("Packages only: conditions on package metadata, all of which must hold.")] MetadataFilter[]? metadata = null,
        [Description("Packages only: only each package's latest revision (default true); false finds every revision.")] bool? latest_only = null,
        [Description("'relevance' (default), 'newest', 'oldest', 'name' or 'name_desc'.")] string? order = null,
        [Description("Hits per page, 1–100.")] int limit = SearchArguments.DefaultLimit,
        [Description("The next_cursor of the previous page.")] string? cursor = null,
        CancellationToken cancellationToken = default)
    {
        var pageSize = SearchArguments.Limit(limit);
        if (cursor is not null)
        {
            var next = SearchCursor.Parse(cursor);
            if (result_type is not null && SearchArguments.Kind(result_type) != next.Kind)
            {
                throw new McpException($"cursor continues a search of {SearchArguments.KindName(next.Kind)}, but result_type is '{result_type}'; leave result_type out when passing a cursor.");
            }

            var more = await RunAsync(() => search.MoreAsync(caller, next.Kind, next.After, pageSize, cancellationToken));
            return Shape(caller, next.Kind, more with { Total = next.Total }, searched: null);
        }

        var request = Read(query, result_type, buckets, name, key, ext, min_size, max_size, modified_after, modified_before, metadata, latest_only, order, pageSize);
        var scope = await RunAsync(() => _buckets.ResolveAsync(caller, request.Buckets ?? [], cancellationToken));
        var page = await RunAsync(() => search.SearchAsync(caller, request with { Buckets = scope }, cancellationToken));
        return Shape(caller, request.Kind, page, scope);
    }

    /// <summary>Every argument checked, and the ones that do not fit the result type refused, before anything is spent.</summary>
    private static CatalogSearchRequest Read(
        string? query, string? resultType, string[]? buckets, string? name, string? key, string[]? ext, long? minSize, long? maxSize,
        string? modifiedAfter, string? modifiedBefore, MetadataFilter[]? metadata, bool? latestOnly, string? order, int pageSize)
    {
        var kind = SearchArguments.Kind(resultType);
        var packages = kind == CatalogSearchKind.Packages;
        foreach (var (given, argument, fits) in new[]
        {
            (name is not null, "name", packages),
            (metadata is not null, "metadata", packages),
            (latestOnly is not null, "latest_only", packages),
            (key is not null, "key", !packages),
            (ext is not null, "ext", !packages),
        })
        {
            if (given && !fits)
            {
                throw new McpException(packages
                    ? $"{argument} applies to objects: set result_type to 'objects', or leave {argument} out (name matches package names)."
                    : $"{argument} applies to packages: leave result_type out (or set it to 'packages'), or leave {argument} out (key matches object keys).");
            }
        }

        return new CatalogSearchRequest
        {
            Kind = kind,
            SearchString = SearchArguments.Query(query),
            Buckets = SearchArguments.Buckets(buckets),
            Name = packages
                ? SearchArguments.Keyword(name, "name", SearchArguments.MaxNameLength)
                : SearchArguments.Keyword(key, "key", S3Limits.MaxKeyBytes),
            Extensions = SearchArguments.Extensions(ext),
            Size = SearchArguments.Sizes(minSize, maxSize),
            Modified = SearchArguments.Dates(modifiedAfter, modifiedBefore, "modified_after", "modified_before"),
            UserMeta = SearchArguments.Metadata(metadata),
            LatestOnly = latestOnly ?? true,
            Order = SearchArguments.Order(order),
            PageSize = pageSize,
        };
    }

    /// <summary>The catalog's refusal of an input, told in this tool's argument names.</summary>
    private static async Task<T> RunAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (CatalogSearchRejectedException rejected)
        {
            var reasons = rejected.Errors.Select(error => $"{ArgumentOf(error.Path)}: {error.Message} ({error.Name})");
            throw new McpException($"The catalog rejected the search: {string.Join("; ", reasons)}. "
                + "Check the argument named: query uses Elasticsearch query-string syntax (quote phrases, escape special characters "
                + "such as / : ( ) [ ] with a backslash), and a cursor must come from the search it continues.");
        }
    }

    private static string ArgumentOf(string? path) => path switch
    {
        null or "" => "the search",
        _ when path.StartsWith("searchString", StringComparison.Ordinal) => "query",
        _ when path.StartsWith("buckets", StringComparison.Ordinal) => "buckets",
        _ when path.StartsWith("filter.size", StringComparison.Ordinal) => "min_size/max_size",
        _ when path.StartsWith("filter.modified", StringComparison.Ordinal) => "modified_after/modified_before",
        _ when path.StartsWith("filter.name", StringComparison.Ordinal) => "name",
        _ when path.StartsWith("filter.key", StringComparison.Ordinal) => "key",
        _ when path.StartsWith("filter.ext", StringComparison.Ordinal) => "ext",
        _ when path.StartsWith("userMetaFilters", StringComparison.Ordinal) => "metadata",
        _ when path.StartsWith("after", StringComparison.Ordinal) => "cursor",
        _ when path.StartsWith("order", StringComparison.Ordinal) => "order",
        _ => path,
    };

    private SearchResult Shape(Caller caller, CatalogSearchKind kind, CatalogSearchPage page, IReadOnlyList<string>? searched)
    {
        var next = page.Cursor is { Length: > 0 } after ? new SearchCursor(kind, page.Total, after).ToString() : null;
        if (kind == CatalogSearchKind.Packages)
        {
            return new SearchResult
            {
                ResultType = SearchArguments.KindName(kind),
                Total = page.Total,
                Buckets = searched,
                Packages = page.Packages.Where(hit => _buckets.MayShow(caller, hit.Bucket)).Select(PackageHit).ToArray(),
                NextCursor = next,
            };
        }

        return new SearchResult
        {
            ResultType = SearchArguments.KindName(kind),
            Total = page.Total,
            Buckets = searched,
            Objects = page.Objects.Where(hit => _buckets.MayShow(caller, hit.Bucket)).Select(ObjectHit).ToArray(),
            NextCursor = next,
        };
    }

    private static PackageSearchHit PackageHit(CatalogPackageHit hit) => new()
    {
        Bucket = hit.Bucket,
        Package = hit.Name,
        TopHash = hit.Hash,
        QuiltUri = QuiltUris.PackageUri(hit.Bucket, hit.Name, hit.Hash, path: null, catalogHost: null),
        Size = hit.Size,
        Modified = hit.Modified,
        Entries = hit.Entries,
        Message = Snippet(hit.Comment),
        MatchedIn = hit.MatchedIn.Count > 0 ? hit.MatchedIn : null,
        MatchingEntries = hit.MatchingEntries.Count > 0 ? hit.MatchingEntries.Take(MatchingEntriesShown).ToArray() : null,
        Snippet = hit.MatchedIn.Contains("meta") ? Snippet(MetadataSnippet.Render(hit.Meta)) : null,
    };

    private static ObjectSearchHit ObjectHit(CatalogObjectHit hit)
    {
        // A read of the key alone gets an object S3 names version "null" more simply.
        var version = S3VersionId.Reported(hit.Version);
        return new ObjectSearchHit
        {
            Bucket = hit.Bucket,
            Key = hit.Key,
            VersionId = version,
            S3Uri = new S3Uri(hit.Bucket, hit.Key, version).ToString(),
            Size = hit.Size,
            LastModified = hit.Modified,
            Snippet = Snippet(hit.IndexedContent),
        };
    }

    /// <summary>Whitespace runs collapsed to one space, at most <see cref="SnippetLength"/> characters.</summary>
    private static string? Snippet(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var compact = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return compact.Length <= SnippetLength ? compact : compact[..SnippetLength].TrimEnd() + "…";
    }
}
