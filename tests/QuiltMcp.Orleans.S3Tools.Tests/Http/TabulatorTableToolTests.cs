using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Http;

/// <summary>
/// bucket_tabulator_tables_list against a catalog speaking the real schema: a granted bucket's tables come from the
/// catalog, asked as the caller with the bucket as a variable; a bucket the token does not grant, a bad name or a
/// missing scope is refused before any catalog request; a bucket the catalog does not know and a catalog that is down
/// are errors saying so.
/// </summary>
public sealed class TabulatorTableToolTests : IClassFixture<CatalogServer>
{
    private const string Tool = "bucket_tabulator_tables_list";
    private const string Bucket = FakeCatalog.BucketName;
    private const string SalesConfig = "schema:\n- name: region\n  type: STRING\n- name: total\n  type: FLOAT\nsource:\n  type: quilt-packages\n  package_name: ^sales/(?<year>\\d{4})$\n  logical_key: totals\\.csv$\nparser:\n  format: csv\n";

    private readonly CatalogServer _fixture;

    public TabulatorTableToolTests(CatalogServer fixture)
    {
        _fixture = fixture;
        fixture.Catalog.Answer("bucketConfig", arguments => Equals(arguments["name"], Bucket)
            ? new
            {
                name = Bucket,
                title = "Example",
                relevanceScore = 0,
                browsable = true,
                tabulatorTables = new object[] { new { name = "sales", config = SalesConfig }, new { name = "naïve ✓", config = "schema: []\n" } },
            }
            : null);
    }

    [Fact]
    public async Task A_granted_bucket_s_tables_come_from_the_catalog_asked_as_the_caller()
    {
        var token = Principals.Token("tabulator-reader", "quilt:read", ["quilt-*"], Principals.ReadActions);
        await using var client = await Mcp.ConnectAsync(_fixture.Server.McpUri, Mcp.SessionProtocol, TestTokens.BearerHeader(token));
        var before = _fixture.Catalog.Queries.Count;

        var tables = await ToolCall.JsonAsync(client, Tool, new { bucket = Bucket });

        Assert.Equal(Bucket, tables.GetProperty("bucket").GetString());
        Assert.Equal([("sales", SalesConfig), ("naïve ✓", "schema: []\n")],
            tables.GetProperty("tables").EnumerateArray().Select(table => (table.GetProperty("name").GetString(), table.GetProperty("config").GetString())));
        var sent = Assert.Single(_fixture.Catalog.Queries.Skip(before));
        Assert.Equal("""{"name":"quilt-example"}""", sent.Variables);
        Assert.DoesNotContain(Bucket, sent.Query, StringComparison.Ordinal);
        Assert.Equal(token, _fixture.Catalog.Tokens[^1]);
    }

    [Fact]
    public async Task A_bucket_the_catalog_does_not_know_is_a_clear_error()
    {
        await using var client = await ConnectAsync("tabulator-unknown", "quilt:read", ["quilt-*"]);

        var error = await ToolCall.ErrorAsync(client, Tool, new { bucket = "quilt-missing" });

        Assert.Equal("The Quilt catalog has no bucket 'quilt-missing' (or does not show it to you); bucket_list names the buckets it has.", error);
    }

    public static TheoryData<string, string[], string[], string, string> Refusals() => new()
    {
        { "quilt:read", ["quilt-other"], Principals.ReadActions, Bucket, $"Access denied: bucket '{Bucket}' is not among the buckets your token grants." },
        { "quilt:read", [Bucket], ["s3:GetObject"], Bucket, "Access denied: your token does not grant s3:ListBucket." },
        { "quilt:read", ["quilt-*"], Principals.ReadActions, "quilt-example/../other", "'quilt-example/../other' is not a valid S3 bucket name (3–63 lowercase letters, digits, dots, hyphens)." },
        { "quilt:read", ["quilt-*"], Principals.ReadActions, "Quilt-Example", "'Quilt-Example' is not a valid S3 bucket name (3–63 lowercase letters, digits, dots, hyphens)." },
        { "quilt:read", ["quilt-*"], Principals.ReadActions, "quilt-*", "'quilt-*' is not a valid S3 bucket name (3–63 lowercase letters, digits, dots, hyphens)." },
        { "public:read", [Bucket], Principals.ReadActions, Bucket, $"Access denied: tool '{Tool}' requires scope 'quilt:read'." },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Refusals_cost_no_catalog_request(string scopes, string[] buckets, string[] permissions, string bucket, string expected)
    {
        var token = Principals.Token("tabulator-refused", scopes, buckets, permissions);
        await using var client = await Mcp.ConnectAsync(_fixture.Server.McpUri, Mcp.SessionProtocol, TestTokens.BearerHeader(token));
        var before = _fixture.Catalog.Requests;

        var error = await ToolCall.ErrorAsync(client, Tool, new { bucket });

        Assert.Equal(expected, error);
        Assert.Equal(before, _fixture.Catalog.Requests);
    }

    [Fact]
    public async Task A_catalog_that_is_down_is_named_in_the_error()
    {
        await using var client = await ConnectAsync("tabulator-down", "quilt:read", [Bucket]);
        _fixture.Catalog.AnswerStatus = 503;
        try
        {
            var error = await ToolCall.ErrorAsync(client, Tool, new { bucket = Bucket });

            Assert.Equal($"The Quilt catalog could not list the tabulator tables of '{Bucket}': The catalog answered HTTP 503 (Service Unavailable); try again later.", error);
        }
        finally
        {
            _fixture.Catalog.AnswerStatus = null;
        }
    }

    private Task<ModelContextProtocol.Client.McpClient> ConnectAsync(string subject, string scopes, string[] buckets) =>
        Mcp.ConnectAsync(_fixture.Server.McpUri, Mcp.SessionProtocol, TestTokens.BearerHeader(Principals.Token(subject, scopes, buckets, Principals.ReadActions)));
}
