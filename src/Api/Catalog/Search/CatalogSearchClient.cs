using System.Globalization;
using QuiltMcp.Orleans.Api.Identity;

namespace QuiltMcp.Orleans.Api.Catalog.Search;

/// <summary>
/// Searches the catalog as the caller (their own token, through <see cref="CatalogGraphQlEndpoint"/>) and reads the
/// catalog's union answers: a result set or page becomes a <see cref="CatalogSearchPage"/>, <c>EmptySearchResultSet</c>
/// an empty page (nothing matched, or nothing to search: not an error), <c>InvalidInput</c> a
/// <see cref="CatalogSearchRejectedException"/>, and <c>OperationError</c> (the search backend failing or timing out) a
/// <see cref="CatalogRequestException"/> that says to try again.
/// </summary>
public sealed class CatalogSearchClient(CatalogGraphQlEndpoint endpoint)
{
    public async Task<CatalogSearchPage> SearchAsync(Caller caller, CatalogSearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var packages = request.Kind == CatalogSearchKind.Packages;
        var field = packages ? "searchPackages" : "searchObjects";
        var data = await endpoint.QueryAsync(caller, packages ? CatalogSearchQueries.Packages : CatalogSearchQueries.Objects,
            CatalogSearchVariables.For(request), cancellationToken);

        var result = Arm(data, field);
        switch (TypeName(result, field))
        {
            case "EmptySearchResultSet":
                return CatalogSearchPage.Empty;
            case "PackagesSearchResultSet" or "ObjectsSearchResultSet":
                var total = Integer(result, "total");
                var page = Arm(result, "firstPage");
                if (packages)
                {
                    // A package page is a union of its own: an ordering the catalog cannot honour is refused there.
                    EnsurePage(page, "firstPage", "PackagesSearchResultSetPage");
                }

                return ReadPage(page, request.Kind) with { Total = total };
            default:
                throw Refusal(result, field);
        }
    }

    public async Task<CatalogSearchPage> MoreAsync(Caller caller, CatalogSearchKind kind, string after, int pageSize, CancellationToken cancellationToken)
    {
        var packages = kind == CatalogSearchKind.Packages;
        var field = packages ? "searchMorePackages" : "searchMoreObjects";
        var data = await endpoint.QueryAsync(caller, packages ? CatalogSearchQueries.MorePackages : CatalogSearchQueries.MoreObjects,
            CatalogSearchVariables.ForMore(after, pageSize), cancellationToken);

        var page = Arm(data, field);
        EnsurePage(page, field, packages ? "PackagesSearchResultSetPage" : "ObjectsSearchResultSetPage");
        return ReadPage(page, kind);
    }

    private static void EnsurePage(JsonElement value, string field, string pageType)
    {
        if (TypeName(value, field) != pageType)
        {
            throw Refusal(value, field);
        }
    }

    private static CatalogSearchPage ReadPage(JsonElement page, CatalogSearchKind kind)
    {
        var cursor = page.TryGetProperty("cursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        var hits = page.TryGetProperty("hits", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().ToArray()
            : throw new CatalogRequestException("The catalog's search answer has no hits.");
        return kind == CatalogSearchKind.Packages
            ? new CatalogSearchPage { Cursor = cursor, Packages = hits.Select(PackageHit).ToArray() }
            : new CatalogSearchPage { Cursor = cursor, Objects = hits.Select(ObjectHit).ToArray() };
    }

    private static CatalogPackageHit PackageHit(JsonElement hit) => new()
    {
        Bucket = Required(hit, "bucket"),
        Name = Required(hit, "name"),
        Hash = Required(hit, "hash"),
        Size = Bytes(hit),
        Modified = Time(hit),
        Entries = Integer(hit, "totalEntriesCount") ?? 0,
        Comment = Text(hit, "comment"),
        Meta = Text(hit, "meta"),
        MatchedIn = hit.TryGetProperty("matchLocations", out var locations) && locations.ValueKind == JsonValueKind.Object
            ? locations.EnumerateObject().Where(location => location.Value.ValueKind == JsonValueKind.True).Select(location => location.Name).ToArray()
            : [],
        MatchingEntries = hit.TryGetProperty("matchingEntries", out var matching) && matching.ValueKind == JsonValueKind.Array
            ? matching.EnumerateArray().Select(entry => Text(entry, "logicalKey")).OfType<string>().ToArray()
            : [],
    };

    private static CatalogObjectHit ObjectHit(JsonElement hit) => new()
    {
        Bucket = Required(hit, "bucket"),
        Key = Required(hit, "key"),
        Version = Text(hit, "version"),
        Size = Bytes(hit),
        Modified = Time(hit),
        Deleted = hit.TryGetProperty("deleted", out var deleted) && deleted.ValueKind == JsonValueKind.True,
        IndexedContent = Text(hit, "indexedContent"),
    };

    private static JsonElement Arm(JsonElement parent, string field) =>
        parent.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : throw new CatalogRequestException($"The catalog's answer has no '{field}'.");

    private static string TypeName(JsonElement value, string field) =>
        Text(value, "__typename") ?? throw new CatalogRequestException($"The catalog's answer to '{field}' does not name its type.");

    /// <summary>The exception for an <c>InvalidInput</c> or <c>OperationError</c> arm (or an arm this server does not know).</summary>
    private static CallerFacingException Refusal(JsonElement value, string field)
    {
        switch (TypeName(value, field))
        {
            case "InvalidInput":
                var errors = value.TryGetProperty("errors", out var list) && list.ValueKind == JsonValueKind.Array
                    ? list.EnumerateArray()
                        .Select(error => new CatalogInputError(Text(error, "path"), Text(error, "name") ?? "InvalidInput", Text(error, "message") ?? "invalid input"))
                        .ToArray()
                    : [];
                return new CatalogSearchRejectedException(errors.Length > 0 ? errors : [new CatalogInputError(null, "InvalidInput", "invalid input")]);
            case "OperationError":
                var name = Text(value, "name") ?? "OperationError";
                var message = Text(value, "message") ?? "the search failed";
                return new CatalogRequestException($"The catalog could not run the search ({name}: {message}); try again.");
            case var other:
                return new CatalogRequestException($"The catalog answered '{field}' with '{other}', which this server does not understand.");
        }
    }

    private static string Required(JsonElement hit, string field) =>
        Text(hit, field) ?? throw new CatalogRequestException($"A search hit from the catalog has no '{field}'.");

    private static string? Text(JsonElement value, string field) =>
        value.TryGetProperty(field, out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;

    private static int? Integer(JsonElement value, string field) =>
        value.TryGetProperty(field, out var number) && number.ValueKind == JsonValueKind.Number && number.TryGetInt32(out var integer) ? integer : null;

    /// <summary>Sizes are GraphQL Floats (a 32-bit Int is too small for them).</summary>
    private static long Bytes(JsonElement hit) =>
        hit.TryGetProperty("size", out var size) && size.ValueKind == JsonValueKind.Number && size.TryGetDouble(out var bytes) && bytes is >= 0 and < long.MaxValue
            ? (long)bytes
            : 0;

    private static DateTimeOffset? Time(JsonElement hit) =>
        Text(hit, "modified") is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUniversalTime()
            : null;
}
