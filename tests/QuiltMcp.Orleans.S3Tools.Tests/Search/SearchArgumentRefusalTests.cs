using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Search;

/// <summary>
/// Every kind of bad search_catalog argument (query text, result type, buckets, limits, sizes, dates, filters that do
/// not fit the result type, metadata conditions, cursors) is refused with a message naming the argument, before any
/// catalog request.
/// </summary>
public sealed class SearchArgumentRefusalTests(CatalogServer fixture) : IClassFixture<CatalogServer>
{
    private const string CursorAdvice = "pass next_cursor exactly as search_catalog returned it, or leave cursor out to start a new search.";
    private const string DateHint = "is not an ISO 8601 date or time (e.g. 2024-05-01 or 2024-05-01T12:00:00Z).";

    public static TheoryData<object, string> BadArguments() => new()
    {
        { new { query = "" }, "query is empty: give words to search for (e.g. 'rna seq'), or leave query out to list what the filters match." },
        { new { query = "  \t " }, "query is empty: give words to search for (e.g. 'rna seq'), or leave query out to list what the filters match." },
        { new { query = new string('q', 1001) }, "query is longer than 1000 characters (1001)." },
        { new { query = "rna\u0000seq" }, "query contains control characters." },
        { new { result_type = "tables" }, "result_type must be 'packages' or 'objects', not 'tables'." },
        { new { buckets = new[] { "alpha-bucket", "Bad_Bucket" } }, "buckets[1] 'Bad_Bucket' is not a valid S3 bucket name (3–63 lowercase letters, digits, dots, hyphens; no s3://)." },
        { new { buckets = new[] { "s3://alpha-bucket" } }, "buckets[0] 's3://alpha-bucket' is not a valid S3 bucket name (3–63 lowercase letters, digits, dots, hyphens; no s3://)." },
        { new { buckets = new[] { "alpha-*" } }, "buckets[0] 'alpha-*' is not a valid S3 bucket name (3–63 lowercase letters, digits, dots, hyphens; no s3://)." },
        { new { buckets = Enumerable.Range(0, 51).Select(i => $"bucket-{i:D2}").ToArray() }, "buckets may name at most 50 buckets, not 51; leave it out to search all of yours." },
        { new { limit = 0 }, "limit must be between 1 and 100, not 0." },
        { new { limit = 101 }, "limit must be between 1 and 100, not 101." },
        { new { min_size = -1 }, "min_size must be between 0 and 9007199254740992 bytes, not -1." },
        { new { min_size = 10, max_size = 5 }, "min_size (10) is larger than max_size (5)." },
        { new { modified_after = "yesterday" }, $"modified_after 'yesterday' {DateHint}" },
        { new { modified_before = "05/01/2024" }, $"modified_before '05/01/2024' {DateHint}" },
        { new { modified_after = "2024-05-02", modified_before = "2024-05-01" }, "modified_after (2024-05-02) is later than modified_before (2024-05-01)." },
        { new { order = "random" }, "order must be 'relevance', 'newest', 'oldest', 'name' or 'name_desc', not 'random'." },
        { new { name = "team/\u0007" }, "name contains control characters." },
        { new { name = new string('n', 257) }, "name is longer than 256 characters (257)." },
        { new { key = "raw/*" }, "key applies to objects: set result_type to 'objects', or leave key out (name matches package names)." },
        { new { ext = new[] { "csv" } }, "ext applies to objects: set result_type to 'objects', or leave ext out (name matches package names)." },
        { new { result_type = "objects", name = "team/x" }, "name applies to packages: leave result_type out (or set it to 'packages'), or leave name out (key matches object keys)." },
        { new { result_type = "objects", latest_only = true }, "latest_only applies to packages: leave result_type out (or set it to 'packages'), or leave latest_only out (key matches object keys)." },
        { new { result_type = "objects", metadata = new[] { new { path = "/a", text = "x" } } }, "metadata applies to packages: leave result_type out (or set it to 'packages'), or leave metadata out (key matches object keys)." },
        { new { result_type = "objects", ext = new[] { "c sv" } }, "ext[0] 'c sv' is not a file extension (letters, digits, '.', '_' or '-', at most 32, e.g. 'csv' or '.parquet')." },
        { new { result_type = "objects", ext = Array.Empty<string>() }, "ext must list 1–20 extensions, not 0." },
        { new { metadata = new[] { new { path = "assay", values = new[] { "x" } } } }, "metadata[0].path must be a JSON pointer into the package metadata, starting with '/' (e.g. /experiment/assay)." },
        { new { metadata = new[] { new { path = "/a" } } }, "metadata[0] must have exactly one kind of condition: values or pattern, text, min/max, after/before, or boolean." },
        { new { metadata = new object[] { new { path = "/a", text = "x" }, new { path = "/b", values = new[] { "x" }, min = 1 } } }, "metadata[1] must have exactly one kind of condition: values or pattern, text, min/max, after/before, or boolean." },
        { new { metadata = new[] { new { path = "/a", values = new[] { "x" }, pattern = "y*" } } }, "metadata[0] has both values and pattern: give one." },
        { new { metadata = new[] { new { path = "/a", min = 5, max = 1 } } }, "metadata[0].min (5) is larger than metadata[0].max (1)." },
        { new { metadata = new[] { new { path = "/a", after = "soon" } } }, $"metadata[0].after 'soon' {DateHint}" },
        { new { metadata = new[] { new { path = "/a", values = Array.Empty<string>() } } }, "metadata[0].values must list 1–20 values, not 0." },
        { new { metadata = Enumerable.Range(0, 11).Select(i => new { path = $"/k{i}", boolean = true }).ToArray() }, "metadata must hold 1–10 conditions, not 11." },
        { new { cursor = "garbage" }, $"cursor is not a next_cursor of search_catalog (it is not of the form <result type>:<total>:<catalog cursor>); {CursorAdvice}" },
        { new { cursor = "tables:1:abc" }, $"cursor is not a next_cursor of search_catalog (it does not start with packages: or objects:); {CursorAdvice}" },
        { new { cursor = "packages:1e9:abc" }, $"cursor is not a next_cursor of search_catalog (its total is not a number); {CursorAdvice}" },
        { new { cursor = "packages:1:" }, $"cursor is not a next_cursor of search_catalog (its catalog cursor must be 1–4096 characters); {CursorAdvice}" },
        { new { cursor = "packages:1:" + new string('c', 4097) }, $"cursor is not a next_cursor of search_catalog (its catalog cursor must be 1–4096 characters); {CursorAdvice}" },
        { new { cursor = "packages:1:abc def" }, $"cursor is not a next_cursor of search_catalog (its catalog cursor has characters other than printable ASCII); {CursorAdvice}" },
        { new { cursor = "packages:1:abc\n{__schema{types{name}}}" }, $"cursor is not a next_cursor of search_catalog (its catalog cursor has characters other than printable ASCII); {CursorAdvice}" },
        { new { cursor = "objects:1:abcé" }, $"cursor is not a next_cursor of search_catalog (its catalog cursor has characters other than printable ASCII); {CursorAdvice}" },
        { new { cursor = "objects:1:abc", result_type = "packages" }, "cursor continues a search of objects, but result_type is 'packages'; leave result_type out when passing a cursor." },
        { new { cursor = "objects:1:abc", limit = 500 }, "limit must be between 1 and 100, not 500." },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task A_bad_argument_is_refused_by_name_before_any_catalog_request(object arguments, string message)
    {
        await using var client = await Mcp.ConnectAsync(fixture.Server.McpUri, Mcp.SessionProtocol,
            TestTokens.BearerHeader(Principals.Token("careless-searcher", "quilt:read", ["alpha-bucket", "team-*"], Principals.ReadActions)));
        var before = fixture.Catalog.Requests;

        var error = await ToolCall.ErrorAsync(client, "search_catalog", arguments);

        Assert.Equal(message, error);
        Assert.Equal(before, fixture.Catalog.Requests);
    }

    [Fact]
    public async Task Search_needs_the_read_scope()
    {
        await using var client = await Mcp.ConnectAsync(fixture.Server.McpUri, Mcp.SessionProtocol,
            TestTokens.BearerHeader(Principals.Token("unscoped-searcher", "public:read", ["alpha-bucket"], Principals.ReadActions)));
        var before = fixture.Catalog.Requests;

        var error = await ToolCall.ErrorAsync(client, "search_catalog", new { query = "x" });

        Assert.Equal("Access denied: tool 'search_catalog' requires scope 'quilt:read'.", error);
        Assert.Equal(before, fixture.Catalog.Requests);
    }
}
