using System.Globalization;
using ModelContextProtocol;
using QuiltMcp.Orleans.Api.Catalog.Search;

namespace QuiltMcp.Orleans.Api.Tools.Search;

/// <summary>
/// The <c>next_cursor</c> of <c>search_catalog</c>: <c>packages|objects:&lt;total&gt;:&lt;catalog cursor&gt;</c>. It
/// carries what a next page needs and the catalog's cursor does not say: which search it continues and the total the
/// first page reported. The catalog's part is opaque but bounded (length, printable ASCII), so a hostile string never
/// reaches the catalog; a forged total only misleads the caller who forged it.
/// </summary>
public sealed record SearchCursor(CatalogSearchKind Kind, int? Total, string After)
{
    /// <summary>The longest catalog cursor passed on; the catalog's own are far shorter.</summary>
    public const int MaxAfterLength = 4096;

    public const string Advice = "pass next_cursor exactly as search_catalog returned it, or leave cursor out to start a new search";

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{SearchArguments.KindName(Kind)}:{Total}:{After}");

    public static SearchCursor Parse(string text)
    {
        var parts = text.Split(':', 3);
        if (parts.Length != 3)
        {
            throw Refused("it is not of the form <result type>:<total>:<catalog cursor>");
        }

        var kind = parts[0] switch
        {
            "packages" => CatalogSearchKind.Packages,
            "objects" => CatalogSearchKind.Objects,
            _ => throw Refused("it does not start with packages: or objects:"),
        };
        int? total = null;
        if (parts[1].Length > 0)
        {
            total = parts[1].Length <= 10 && parts[1].All(char.IsAsciiDigit) && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                ? count
                : throw Refused("its total is not a number");
        }

        var after = parts[2];
        if (after.Length is 0 or > MaxAfterLength)
        {
            throw Refused($"its catalog cursor must be 1–{MaxAfterLength} characters");
        }

        if (!after.All(c => c is >= '!' and <= '~'))
        {
            throw Refused("its catalog cursor has characters other than printable ASCII");
        }

        return new SearchCursor(kind, total, after);
    }

    private static McpException Refused(string reason) =>
        new($"cursor is not a next_cursor of search_catalog ({reason}); {Advice}.");
}
