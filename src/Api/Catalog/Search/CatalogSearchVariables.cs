using System.Globalization;

namespace QuiltMcp.Orleans.Api.Catalog.Search;

/// <summary>
/// A <see cref="CatalogSearchRequest"/> as the variables of <see cref="CatalogSearchQueries"/>, in the catalog's input
/// types (<c>PackagesSearchFilter</c>, <c>ObjectsSearchFilter</c>, <c>PackageUserMetaPredicate</c>…). Unset inputs are
/// left out rather than sent as null. Objects the catalog marks deleted are not searched: a hit a read tool cannot
/// open would only cost the model a failed call.
/// </summary>
public static class CatalogSearchVariables
{
    public static Dictionary<string, object?> For(CatalogSearchRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal) { ["size"] = request.PageSize };
        Put(variables, "buckets", request.Buckets);
        Put(variables, "searchString", request.SearchString);

        var filter = new Dictionary<string, object?>(StringComparer.Ordinal);
        Put(filter, "modified", Dates(request.Modified));
        Put(filter, "size", Numbers(request.Size));
        if (request.Kind == CatalogSearchKind.Packages)
        {
            Put(filter, "name", Keyword(request.Name));
            Put(variables, "userMetaFilters", request.UserMeta?.Select(Predicate).ToArray());
            variables["latestOnly"] = request.LatestOnly;
            Put(variables, "ordering", Ordering(request.Order));
        }
        else
        {
            Put(filter, "key", Keyword(request.Name));
            Put(filter, "ext", request.Extensions is { Count: > 0 } extensions ? Keyword(new CatalogKeywordMatch(extensions, null)) : null);
            filter["deleted"] = new Dictionary<string, object?> { ["false"] = true };
            variables["order"] = OrderName(request.Order);
        }

        Put(variables, "filter", filter.Count == 0 ? null : filter);
        return variables;
    }

    /// <summary>The variables of a next-page query.</summary>
    public static Dictionary<string, object?> ForMore(string after, int pageSize) =>
        new(StringComparer.Ordinal) { ["after"] = after, ["size"] = pageSize };

    private static Dictionary<string, object?> Predicate(CatalogMetaPredicate predicate)
    {
        var value = new Dictionary<string, object?>(StringComparer.Ordinal) { ["path"] = predicate.Path };
        Put(value, "keyword", Keyword(predicate.Keyword));
        Put(value, "text", predicate.Text is null ? null : new Dictionary<string, object?> { ["queryString"] = predicate.Text });
        Put(value, "number", Numbers(predicate.Number));
        Put(value, "datetime", Dates(predicate.Dates));
        Put(value, "boolean", predicate.Boolean is { } flag ? new Dictionary<string, object?> { [flag ? "true" : "false"] = true } : null);
        return value;
    }

    private static Dictionary<string, object?>? Keyword(CatalogKeywordMatch? match)
    {
        if (match is null)
        {
            return null;
        }

        var value = new Dictionary<string, object?>(StringComparer.Ordinal);
        Put(value, "terms", match.Terms);
        Put(value, "wildcard", match.Wildcard);
        return value;
    }

    private static Dictionary<string, object?>? Numbers(CatalogNumberRange? range)
    {
        if (range is null || (range.AtLeast is null && range.AtMost is null))
        {
            return null;
        }

        var value = new Dictionary<string, object?>(StringComparer.Ordinal);
        Put(value, "gte", range.AtLeast);
        Put(value, "lte", range.AtMost);
        return value;
    }

    private static Dictionary<string, object?>? Dates(CatalogDateRange? range)
    {
        if (range is null || (range.From is null && range.To is null))
        {
            return null;
        }

        var value = new Dictionary<string, object?>(StringComparer.Ordinal);
        Put(value, "gte", range.From is { } from ? Iso(from) : null);
        Put(value, "lte", range.To is { } to ? Iso(to) : null);
        return value;
    }

    /// <summary>ISO 8601 in UTC with a Z, which the catalog's Datetime scalar reads.</summary>
    private static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>The package <c>PackageOrdering</c> expression; null is relevance.</summary>
    private static string? Ordering(CatalogSearchOrder order) => order switch
    {
        CatalogSearchOrder.Newest => "sys:modified:desc",
        CatalogSearchOrder.Oldest => "sys:modified:asc",
        CatalogSearchOrder.NameAscending => "sys:name:asc",
        CatalogSearchOrder.NameDescending => "sys:name:desc",
        _ => null,
    };

    private static string OrderName(CatalogSearchOrder order) => order switch
    {
        CatalogSearchOrder.Newest => "NEWEST",
        CatalogSearchOrder.Oldest => "OLDEST",
        CatalogSearchOrder.NameAscending => "LEX_ASC",
        CatalogSearchOrder.NameDescending => "LEX_DESC",
        _ => "BEST_MATCH",
    };

    private static void Put(Dictionary<string, object?> target, string name, object? value)
    {
        if (value is not null)
        {
            target[name] = value;
        }
    }
}
