using System.Globalization;
using System.Text.RegularExpressions;
using ModelContextProtocol;
using QuiltMcp.Orleans.Api.Catalog.Search;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tools.Search;

/// <summary>
/// The checks on <c>search_catalog</c>'s arguments, each failing with a message that names the argument and says what
/// to change, all made before anything is asked of the catalog.
/// </summary>
public static partial class SearchArguments
{
    public const int MaxQueryLength = 1000;
    public const int MaxBuckets = 50;
    public const int MaxNameLength = 256;
    public const int MaxExtensions = 20;
    public const int MaxMetadataFilters = 10;
    public const int MaxValues = 20;
    public const int MaxLimit = 100;
    public const int DefaultLimit = 20;

    /// <summary>Doubles carry whole numbers exactly up to 2^53, the largest size worth asking about.</summary>
    public const long MaxSize = 1L << 53;

    public static string KindName(CatalogSearchKind kind) => kind == CatalogSearchKind.Packages ? "packages" : "objects";

    public static CatalogSearchKind Kind(string? resultType) => resultType switch
    {
        null or "packages" => CatalogSearchKind.Packages,
        "objects" => CatalogSearchKind.Objects,
        _ => throw new McpException($"result_type must be 'packages' or 'objects', not '{S3Names.Shorten(resultType)}'."),
    };

    public static CatalogSearchOrder Order(string? order) => order switch
    {
        null or "relevance" => CatalogSearchOrder.BestMatch,
        "newest" => CatalogSearchOrder.Newest,
        "oldest" => CatalogSearchOrder.Oldest,
        "name" => CatalogSearchOrder.NameAscending,
        "name_desc" => CatalogSearchOrder.NameDescending,
        _ => throw new McpException($"order must be 'relevance', 'newest', 'oldest', 'name' or 'name_desc', not '{S3Names.Shorten(order)}'."),
    };

    public static int Limit(int limit) =>
        limit is >= 1 and <= MaxLimit ? limit : throw new McpException($"limit must be between 1 and {MaxLimit}, not {limit}.");

    /// <summary>Null for no query; otherwise printable text of at most <see cref="MaxQueryLength"/> characters.</summary>
    public static string? Query(string? query)
    {
        if (query is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(query))
        {
            throw new McpException("query is empty: give words to search for (e.g. 'rna seq'), or leave query out to list what the filters match.");
        }

        return Text(query, "query", MaxQueryLength);
    }

    public static IReadOnlyList<string> Buckets(string[]? buckets)
    {
        if (buckets is null)
        {
            return [];
        }

        if (buckets.Length > MaxBuckets)
        {
            throw new McpException($"buckets may name at most {MaxBuckets} buckets, not {buckets.Length}; leave it out to search all of yours.");
        }

        for (var i = 0; i < buckets.Length; i++)
        {
            if (!S3Names.IsBucketName(buckets[i]))
            {
                throw new McpException($"buckets[{i}] '{S3Names.Shorten(buckets[i])}' is not a valid S3 bucket name (3–63 lowercase letters, digits, dots, hyphens; no s3://).");
            }
        }

        return buckets.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>A package name or object key: exact, or a pattern with <c>*</c> and <c>?</c>.</summary>
    public static CatalogKeywordMatch? Keyword(string? value, string argument, int maxLength) =>
        value is null ? null : CatalogKeywordMatch.Of(Text(value, argument, maxLength));

    /// <summary>Extensions as the catalog indexes them: lowercase, with the leading dot (<c>csv</c> and <c>.CSV</c> become <c>.csv</c>).</summary>
    public static IReadOnlyList<string>? Extensions(string[]? extensions)
    {
        if (extensions is null)
        {
            return null;
        }

        if (extensions.Length is 0 or > MaxExtensions)
        {
            throw new McpException($"ext must list 1–{MaxExtensions} extensions, not {extensions.Length}.");
        }

        return extensions.Select((extension, i) =>
        {
            var normalized = "." + (extension ?? "").TrimStart('.').ToLowerInvariant();
            return ExtensionPattern().IsMatch(normalized)
                ? normalized
                : throw new McpException($"ext[{i}] '{S3Names.Shorten(extension)}' is not a file extension (letters, digits, '.', '_' or '-', at most 32, e.g. 'csv' or '.parquet').");
        }).Distinct(StringComparer.Ordinal).ToArray();
    }

    public static CatalogNumberRange? Sizes(long? minSize, long? maxSize)
    {
        foreach (var (value, name) in new[] { (minSize, "min_size"), (maxSize, "max_size") })
        {
            if (value is < 0 or > MaxSize)
            {
                throw new McpException($"{name} must be between 0 and {MaxSize} bytes, not {value}.");
            }
        }

        if (minSize > maxSize)
        {
            throw new McpException($"min_size ({minSize}) is larger than max_size ({maxSize}).");
        }

        return minSize is null && maxSize is null ? null : new CatalogNumberRange(minSize, maxSize);
    }

    public static CatalogDateRange? Dates(string? after, string? before, string afterName, string beforeName)
    {
        var from = Date(after, afterName, endOfDay: false);
        var to = Date(before, beforeName, endOfDay: true);
        if (from > to)
        {
            throw new McpException($"{afterName} ({after}) is later than {beforeName} ({before}).");
        }

        return from is null && to is null ? null : new CatalogDateRange(from, to);
    }

    public static IReadOnlyList<CatalogMetaPredicate>? Metadata(MetadataFilter[]? filters)
    {
        if (filters is null)
        {
            return null;
        }

        if (filters.Length is 0 or > MaxMetadataFilters)
        {
            throw new McpException($"metadata must hold 1–{MaxMetadataFilters} conditions, not {filters.Length}.");
        }

        return filters.Select((filter, i) => Predicate(filter, $"metadata[{i}]")).ToArray();
    }

    private static CatalogMetaPredicate Predicate(MetadataFilter? filter, string at)
    {
        if (filter?.Path is not { } path || !path.StartsWith('/'))
        {
            throw new McpException($"{at}.path must be a JSON pointer into the package metadata, starting with '/' (e.g. /experiment/assay).");
        }

        Text(path, $"{at}.path", MaxNameLength);
        var kinds = new[]
        {
            filter.Values is not null || filter.Pattern is not null,
            filter.Text is not null,
            filter.Min is not null || filter.Max is not null,
            filter.After is not null || filter.Before is not null,
            filter.Boolean is not null,
        }.Count(set => set);
        if (kinds != 1)
        {
            throw new McpException($"{at} must have exactly one kind of condition: values or pattern, text, min/max, after/before, or boolean.");
        }

        if (filter.Values is not null && filter.Pattern is not null)
        {
            throw new McpException($"{at} has both values and pattern: give one.");
        }

        if (filter.Min is { } min && filter.Max is { } max && min > max)
        {
            throw new McpException($"{at}.min ({min}) is larger than {at}.max ({max}).");
        }

        if (filter.Min is { } low && !double.IsFinite(low) || filter.Max is { } high && !double.IsFinite(high))
        {
            throw new McpException($"{at}.min and {at}.max must be finite numbers.");
        }

        return new CatalogMetaPredicate(path)
        {
            Keyword = filter.Values is { } values ? new CatalogKeywordMatch(Values(values, $"{at}.values"), null)
                : filter.Pattern is { } pattern ? new CatalogKeywordMatch(null, Text(pattern, $"{at}.pattern", MaxNameLength))
                : null,
            Text = filter.Text is { } text ? Text(text, $"{at}.text", MaxQueryLength) : null,
            Number = filter.Min is not null || filter.Max is not null ? new CatalogNumberRange(filter.Min, filter.Max) : null,
            Dates = Dates(filter.After, filter.Before, $"{at}.after", $"{at}.before"),
            Boolean = filter.Boolean,
        };
    }

    private static string[] Values(string[] values, string at)
    {
        if (values.Length is 0 or > MaxValues)
        {
            throw new McpException($"{at} must list 1–{MaxValues} values, not {values.Length}.");
        }

        return values.Select((value, i) => Text(value, $"{at}[{i}]", MaxNameLength)).ToArray();
    }

    /// <summary>Text a caller sends on to the catalog: non-empty, bounded, printable, valid Unicode.</summary>
    private static string Text(string? value, string argument, int maxLength)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new McpException($"{argument} is empty.");
        }

        if (value.Length > maxLength)
        {
            throw new McpException($"{argument} is longer than {maxLength} characters ({value.Length}).");
        }

        if (value.Any(char.IsControl))
        {
            throw new McpException($"{argument} contains control characters.");
        }

        return S3Names.IsValidUnicode(value) ? value : throw new McpException($"{argument} is not valid Unicode (it has a lone surrogate).");
    }

    /// <summary>An ISO 8601 date or time (no zone: UTC); a bare date as an upper bound means the end of that day.</summary>
    private static DateTimeOffset? Date(string? text, string argument, bool endOfDay)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Length > 40 || !IsoDatePattern().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            throw new McpException($"{argument} '{S3Names.Shorten(text)}' is not an ISO 8601 date or time (e.g. 2024-05-01 or 2024-05-01T12:00:00Z).");
        }

        return endOfDay && text.Length == 10 ? time.AddDays(1).AddTicks(-1) : time;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDatePattern();

    [GeneratedRegex(@"^\.[a-z0-9_\-][a-z0-9._\-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex ExtensionPattern();
}
