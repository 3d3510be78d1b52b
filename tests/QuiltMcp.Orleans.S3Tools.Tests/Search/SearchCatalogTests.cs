using System.Text.Json;
using System.Text.Json.Nodes;
using QuiltMcp.Orleans.S3Tools.Tests.Support;

namespace QuiltMcp.Orleans.S3Tools.Tests.Search;

/// <summary>
/// search_catalog against a catalog that validates and executes every query against the catalog's schema: filters
/// become the schema's inputs (the variables sent are asserted), hits come back compact with URIs the read tools
/// open, pages follow the catalog's cursors, each union arm is answered as it should be, and the caller's own token is
/// the one sent.
/// </summary>
public sealed class SearchCatalogTests(CatalogServer fixture) : IClassFixture<CatalogServer>
{
    private const string Hash1 = "1111111111111111111111111111111111111111111111111111111111111111";
    private const string Hash2 = "2222222222222222222222222222222222222222222222222222222222222222";

    private FakeCatalog Catalog => fixture.Catalog;

    [Fact]
    public async Task Packages_are_searched_with_every_filter_as_the_schema_s_inputs_and_the_callers_own_token()
    {
        var token = Principals.Token("searcher", "quilt:read", ["beta-bucket", "alpha-bucket"], Principals.ReadActions);
        await using var client = await Mcp.ConnectAsync(fixture.Server.McpUri, Mcp.SessionProtocol, TestTokens.BearerHeader(token));
        var pageArguments = new List<IReadOnlyDictionary<string, object?>>();
        Catalog.Answer("searchPackages", _ => new
        {
            __typename = "PackagesSearchResultSet",
            total = 3,
            firstPage = (CatalogResolver)(arguments =>
            {
                pageArguments.Add(arguments);
                return new
                {
                    __typename = "PackagesSearchResultSetPage",
                    cursor = "cursor-1",
                    hits = new[]
                    {
                        PackageHit("alpha-bucket", "team/rna", Hash1, meta: """{"assay": "rna-seq",   "note": "long"}""", matchMeta: true),
                        PackageHit("beta-bucket", "team/dna", Hash2, comment: "second\n\n  revision"),
                    },
                };
            }),
        });
        var before = Catalog.Queries.Count;

        var result = await ToolCall.JsonAsync(client, "search_catalog", new
        {
            query = "rna AND \"single cell\"",
            name = "team/*",
            min_size = 10,
            max_size = 5000,
            modified_after = "2024-01-01",
            modified_before = "2024-12-31",
            metadata = new object[]
            {
                new { path = "/assay", values = new[] { "rna-seq", "atac" } },
                new { path = "/owner", pattern = "ana*" },
                new { path = "/description", text = "liver" },
                new { path = "/samples", min = 2, max = 10.5 },
                new { path = "/collected", after = "2023-05-01T10:00:00+02:00" },
                new { path = "/public", boolean = true },
            },
            latest_only = false,
            order = "newest",
            limit = 2,
        });

        var sent = Assert.Single(Catalog.Queries.Skip(before));
        Assert.Contains("searchPackages(", sent.Query, StringComparison.Ordinal);
        AssertJson("""
            {
              "size": 2,
              "buckets": ["alpha-bucket", "beta-bucket"],
              "searchString": "rna AND \"single cell\"",
              "userMetaFilters": [
                {"path": "/assay", "keyword": {"terms": ["rna-seq", "atac"]}},
                {"path": "/owner", "keyword": {"wildcard": "ana*"}},
                {"path": "/description", "text": {"queryString": "liver"}},
                {"path": "/samples", "number": {"gte": 2, "lte": 10.5}},
                {"path": "/collected", "datetime": {"gte": "2023-05-01T08:00:00Z"}},
                {"path": "/public", "boolean": {"true": true}}
              ],
              "latestOnly": false,
              "ordering": "sys:modified:desc",
              "filter": {
                "modified": {"gte": "2024-01-01T00:00:00Z", "lte": "2024-12-31T23:59:59.9999999Z"},
                "size": {"gte": 10, "lte": 5000},
                "name": {"wildcard": "team/*"}
              }
            }
            """, sent.Variables);
        Assert.Equal(2, Convert.ToInt32(Assert.Single(pageArguments)["size"]));
        Assert.Equal(token, Catalog.Tokens[^1]);

        AssertJson($$"""
            {
              "result_type": "packages",
              "total": 3,
              "buckets": ["alpha-bucket", "beta-bucket"],
              "packages": [
                {
                  "bucket": "alpha-bucket", "package": "team/rna", "top_hash": "{{Hash1}}",
                  "quilt_uri": "quilt+s3://alpha-bucket#package=team/rna@{{Hash1}}",
                  "size": 2048, "modified": "2024-05-01T12:00:00+00:00", "entries": 7,
                  "matched_in": ["meta"], "matching_entries": ["reads/a.fastq"],
                  "snippet": "assay: rna-seq; note: long"
                },
                {
                  "bucket": "beta-bucket", "package": "team/dna", "top_hash": "{{Hash2}}",
                  "quilt_uri": "quilt+s3://beta-bucket#package=team/dna@{{Hash2}}",
                  "size": 2048, "modified": "2024-05-01T12:00:00+00:00", "entries": 7,
                  "message": "second revision", "matching_entries": ["reads/a.fastq"]
                }
              ],
              "next_cursor": "packages:3:cursor-1"
            }
            """, result.GetRawText());
    }

    [Fact]
    public async Task Objects_are_searched_with_key_extension_and_order_and_two_pages_follow_the_catalog_s_cursor()
    {
        await using var client = await ConnectAsync("object-searcher", ["data-bucket"]);
        Catalog.Answer("searchObjects", _ => new
        {
            __typename = "ObjectsSearchResultSet",
            total = 3,
            firstPage = (CatalogResolver)(_ => new
            {
                cursor = "objects-cursor/1+=",
                hits = new[]
                {
                    ObjectHit("data-bucket", "raw/a b.csv", "v1", content: "x,y\n1,2\n" + new string('z', 300)),
                    ObjectHit("data-bucket", "raw/b.csv", "null"),
                },
            }),
        });
        Catalog.Answer("searchMoreObjects", _ => new
        {
            __typename = "ObjectsSearchResultSetPage",
            cursor = (string?)null,
            hits = new[] { ObjectHit("data-bucket", "raw/c.csv", "") },
        });
        var before = Catalog.Queries.Count;

        var first = await ToolCall.JsonAsync(client, "search_catalog", new { result_type = "objects", key = "raw/*", ext = new[] { "CSV", ".tsv" }, order = "name", limit = 2 });
        var second = await ToolCall.JsonAsync(client, "search_catalog", new { cursor = first.GetProperty("next_cursor").GetString(), limit = 2 });

        var sent = Catalog.Queries.Skip(before).ToArray();
        Assert.Equal(2, sent.Length);
        AssertJson("""
            {
              "size": 2, "buckets": ["data-bucket"], "order": "LEX_ASC",
              "filter": {"key": {"wildcard": "raw/*"}, "ext": {"terms": [".csv", ".tsv"]}, "deleted": {"false": true}}
            }
            """, sent[0].Variables);
        Assert.Contains("searchMoreObjects(", sent[1].Query, StringComparison.Ordinal);
        AssertJson("""{"after": "objects-cursor/1+=", "size": 2}""", sent[1].Variables);

        Assert.Equal("objects:3:objects-cursor/1+=", first.GetProperty("next_cursor").GetString());
        var hits = first.GetProperty("objects").EnumerateArray().ToArray();
        Assert.Equal("s3://data-bucket/raw/a%20b.csv?versionId=v1", hits[0].GetProperty("s3_uri").GetString());
        Assert.Equal("v1", hits[0].GetProperty("version_id").GetString());
        Assert.Equal("x,y 1,2 " + new string('z', 192) + "…", hits[0].GetProperty("snippet").GetString());
        Assert.Equal("s3://data-bucket/raw/b.csv", hits[1].GetProperty("s3_uri").GetString());
        Assert.False(hits[1].TryGetProperty("version_id", out _));

        Assert.Equal("objects", second.GetProperty("result_type").GetString());
        Assert.Equal(3, second.GetProperty("total").GetInt32());
        Assert.Equal("s3://data-bucket/raw/c.csv", Assert.Single(second.GetProperty("objects").EnumerateArray()).GetProperty("s3_uri").GetString());
        Assert.False(second.TryGetProperty("next_cursor", out _));
        Assert.False(second.TryGetProperty("buckets", out _));
    }

    [Fact]
    public async Task A_second_page_of_packages_uses_search_more_packages()
    {
        await using var client = await ConnectAsync("package-pager", ["alpha-bucket"]);
        Catalog.Answer("searchMorePackages", arguments => new
        {
            __typename = "PackagesSearchResultSetPage",
            cursor = "cursor-3",
            hits = new[] { PackageHit("alpha-bucket", "team/third", Hash1) },
        });
        var before = Catalog.Queries.Count;

        var page = await ToolCall.JsonAsync(client, "search_catalog", new { cursor = "packages:40:cursor-2" });

        var sent = Assert.Single(Catalog.Queries.Skip(before));
        AssertJson("""{"after": "cursor-2", "size": 20}""", sent.Variables);
        Assert.Equal(40, page.GetProperty("total").GetInt32());
        Assert.Equal("team/third", Assert.Single(page.GetProperty("packages").EnumerateArray()).GetProperty("package").GetString());
        Assert.Equal("packages:40:cursor-3", page.GetProperty("next_cursor").GetString());
    }

    [Fact]
    public async Task An_empty_result_set_is_zero_hits_not_an_error()
    {
        await using var client = await ConnectAsync("empty-searcher", ["alpha-bucket"]);
        Catalog.Answer("searchPackages", _ => new { __typename = "EmptySearchResultSet", _ = (bool?)null });

        var result = await ToolCall.JsonAsync(client, "search_catalog", new { query = "nothing-matches-this" });

        AssertJson("""{"result_type": "packages", "total": 0, "buckets": ["alpha-bucket"], "packages": []}""", result.GetRawText());
    }

    [Fact]
    public async Task Invalid_input_from_the_catalog_names_our_argument_and_how_to_fix_it()
    {
        await using var client = await ConnectAsync("syntax-searcher", ["alpha-bucket"]);
        Catalog.Answer("searchPackages", _ => new
        {
            __typename = "InvalidInput",
            errors = new[] { new { path = "searchString", name = "QuerySyntaxError", message = "Cannot parse 'a AND (b': unbalanced parenthesis" } },
        });

        var error = await ToolCall.ErrorAsync(client, "search_catalog", new { query = "a AND (b" });

        Assert.Equal("The catalog rejected the search: query: Cannot parse 'a AND (b': unbalanced parenthesis (QuerySyntaxError). "
            + "Check the argument named: query uses Elasticsearch query-string syntax (quote phrases, escape special characters "
            + "such as / : ( ) [ ] with a backslash), and a cursor must come from the search it continues.", error);
    }

    [Fact]
    public async Task Invalid_input_in_a_package_page_or_for_a_stale_cursor_is_a_tool_error_too()
    {
        await using var client = await ConnectAsync("page-refusals", ["alpha-bucket"]);
        Catalog.Answer("searchPackages", _ => new
        {
            __typename = "PackagesSearchResultSet",
            total = 1,
            firstPage = (CatalogResolver)(_ => new
            {
                __typename = "InvalidInput",
                errors = new[] { new { path = "ordering", name = "UnsupportedSort", message = "cannot sort by this field" } },
            }),
        });
        Catalog.Answer("searchMoreObjects", _ => new
        {
            __typename = "InvalidInput",
            errors = new[] { new { path = "after", name = "InvalidCursor", message = "the cursor has expired" } },
        });

        var ordering = await ToolCall.ErrorAsync(client, "search_catalog", new { order = "name" });
        var stale = await ToolCall.ErrorAsync(client, "search_catalog", new { cursor = "objects:5:expired" });

        Assert.StartsWith("The catalog rejected the search: order: cannot sort by this field (UnsupportedSort). ", ordering, StringComparison.Ordinal);
        Assert.StartsWith("The catalog rejected the search: cursor: the cursor has expired (InvalidCursor). ", stale, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_operation_error_carries_the_catalog_s_message_and_says_try_again()
    {
        await using var client = await ConnectAsync("failing-searcher", ["alpha-bucket"]);
        Catalog.Answer("searchObjects", _ => new { __typename = "OperationError", name = "Timeout", message = "search backend timed out" });

        var error = await ToolCall.ErrorAsync(client, "search_catalog", new { result_type = "objects", query = "x" });

        Assert.Equal("The catalog could not run the search (Timeout: search backend timed out); try again.", error);
    }

    [Fact]
    public async Task A_catalog_that_is_down_or_slow_is_named_in_the_tool_error()
    {
        await using var client = await ConnectAsync("down-searcher", ["alpha-bucket"]);
        try
        {
            Catalog.AnswerStatus = 502;
            var down = await ToolCall.ErrorAsync(client, "search_catalog", new { query = "x" });
            Catalog.AnswerStatus = null;
            Catalog.Delay = Timeout.InfiniteTimeSpan;
            var slow = await ToolCall.ErrorAsync(client, "search_catalog", new { query = "x" });

            Assert.Equal("The catalog answered HTTP 502 (Bad Gateway); try again later.", down);
            Assert.Equal($"The catalog at {Catalog.GraphQlUrl} did not answer within 3 s; try again later.", slow);
        }
        finally
        {
            Catalog.AnswerStatus = null;
            Catalog.Delay = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task Without_buckets_a_finite_grant_list_is_passed_and_a_grant_of_every_bucket_lets_the_catalog_decide()
    {
        AnswerEmptyPackages();
        await using var listed = await ConnectAsync("finite-grants", ["zeta-bucket", "alpha-bucket", "alpha-bucket"]);
        await using var everything = await ConnectAsync("every-bucket", ["*"]);
        var before = Catalog.Queries.Count;

        var finite = await ToolCall.JsonAsync(listed, "search_catalog", new { });
        var open = await ToolCall.JsonAsync(everything, "search_catalog", new { });

        var sent = Catalog.Queries.Skip(before).ToArray();
        AssertJson("""{"size": 20, "buckets": ["alpha-bucket", "zeta-bucket"], "latestOnly": true}""", sent[0].Variables);
        AssertJson("""{"size": 20, "latestOnly": true}""", sent[1].Variables);
        Assert.Equal(["alpha-bucket", "zeta-bucket"], finite.GetProperty("buckets").EnumerateArray().Select(b => b.GetString()));
        Assert.False(open.TryGetProperty("buckets", out _));
    }

    [Fact]
    public async Task Prefix_grants_are_matched_against_the_catalog_s_buckets()
    {
        AnswerEmptyPackages();
        Catalog.Answer("bucketConfigs", _ => new[] { Config("team-a"), Config("team-b"), Config("other-bucket") });
        try
        {
            var token = Principals.Token("prefix-grants", "quilt:read", ["team-*", "exact-bucket"], Principals.ReadActions);
            await using var client = await Mcp.ConnectAsync(fixture.Server.McpUri, Mcp.SessionProtocol, TestTokens.BearerHeader(token));
            var before = Catalog.Queries.Count;

            var result = await ToolCall.JsonAsync(client, "search_catalog", new { query = "x" });

            var sent = Catalog.Queries.Skip(before).ToArray();
            Assert.Equal(2, sent.Length);
            Assert.Contains("bucketConfigs", sent[0].Query, StringComparison.Ordinal);
            Assert.Equal(["exact-bucket", "team-a", "team-b"], result.GetProperty("buckets").EnumerateArray().Select(b => b.GetString()));
            Assert.Equal([token, token], Catalog.Tokens.Skip(Catalog.Tokens.Count - 2));
        }
        finally
        {
            Catalog.Answer("bucketConfigs", _ => new[] { Config(FakeCatalog.BucketName) });
        }
    }

    [Fact]
    public async Task Hits_from_a_bucket_the_caller_may_not_use_are_dropped()
    {
        await using var client = await ConnectAsync("leak-guard", ["alpha-bucket"]);
        Catalog.Answer("searchPackages", _ => new
        {
            __typename = "PackagesSearchResultSet",
            total = 2,
            firstPage = (CatalogResolver)(_ => new
            {
                __typename = "PackagesSearchResultSetPage",
                cursor = (string?)null,
                hits = new[] { PackageHit("alpha-bucket", "team/mine", Hash1), PackageHit("secret-bucket", "team/theirs", Hash2) },
            }),
        });

        var result = await ToolCall.JsonAsync(client, "search_catalog", new { query = "team" });

        Assert.Equal(["team/mine"], result.GetProperty("packages").EnumerateArray().Select(hit => hit.GetProperty("package").GetString()));
    }

    [Fact]
    public async Task Concurrent_searches_each_send_their_own_callers_token_and_buckets()
    {
        // The catalog answers each token with a hit from the first bucket it was asked to search.
        Catalog.AnswerPerCaller("searchPackages", subject => arguments => new
        {
            __typename = "PackagesSearchResultSet",
            total = 1,
            firstPage = (CatalogResolver)(_ => new
            {
                __typename = "PackagesSearchResultSetPage",
                cursor = (string?)null,
                hits = new[] { PackageHit(((IEnumerable<object?>)arguments["buckets"]!).Cast<string>().First(), "team/" + subject, Hash1) },
            }),
        });
        var callers = Enumerable.Range(0, 20).Select(i => (Subject: $"concurrent-{i:D2}", Bucket: $"bucket-{i:D2}")).ToArray();
        var clients = await Task.WhenAll(callers.Select(caller => ConnectAsync(caller.Subject, [caller.Bucket])));
        try
        {
            var seen = await Task.WhenAll(Enumerable.Range(0, 200).Select(async n =>
            {
                var result = await ToolCall.JsonAsync(clients[n % clients.Length], "search_catalog", new { query = "x" });
                var hit = Assert.Single(result.GetProperty("packages").EnumerateArray());
                return (Expected: callers[n % callers.Length], Bucket: hit.GetProperty("bucket").GetString(), Package: hit.GetProperty("package").GetString());
            }));

            Assert.All(seen, call => Assert.Equal((call.Expected.Bucket, "team/" + call.Expected.Subject), (call.Bucket, call.Package)));
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }

    public static TheoryData<string[], string[], object, string> Refusals() => new()
    {
        // A named bucket outside the grants, and grants that cannot search at all.
        { ["alpha-bucket"], Principals.ReadActions, new { buckets = new[] { "alpha-bucket", "other-bucket" } },
            "Access denied: bucket 'other-bucket' is not among the buckets your token grants. Search only buckets that bucket_list shows you, or leave out buckets to search all of yours." },
        { ["alpha-bucket"], ["s3:GetObject"], new { buckets = new[] { "alpha-bucket" } },
            "Access denied: your token does not grant s3:ListBucket. Search only buckets that bucket_list shows you, or leave out buckets to search all of yours." },
        { ["alpha-bucket"], ["s3:GetObject"], new { }, "Access denied: your token does not grant s3:ListBucket, which searching a bucket needs." },
        { [], Principals.ReadActions, new { }, "Access denied: your token grants no buckets to search." },
        { ["team-*"], Principals.ReadActions, new { }, "Access denied: none of the catalog's buckets matches your token's bucket grants (team-*)." },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Buckets_the_caller_may_not_search_are_refused_before_any_search(string[] grants, string[] permissions, object arguments, string message)
    {
        // Each case its own principal, so no grain holds another case's claims.
        var token = Principals.Token($"refused-{(uint)message.GetHashCode():x8}", "quilt:read", grants, permissions);
        await using var client = await Mcp.ConnectAsync(fixture.Server.McpUri, Mcp.SessionProtocol, TestTokens.BearerHeader(token));
        var before = Catalog.Queries.Count;

        var error = await ToolCall.ErrorAsync(client, "search_catalog", arguments);

        Assert.Equal(message, error);
        // Only a prefix grant asks the catalog anything (its bucket list); no search is ever sent.
        Assert.DoesNotContain(Catalog.Queries.Skip(before), query => query.Query.Contains("search", StringComparison.Ordinal));
        Assert.Equal(grants.Any(grant => grant.EndsWith('*')) ? 1 : 0, Catalog.Queries.Count - before);
    }

    private Task<ModelContextProtocol.Client.McpClient> ConnectAsync(string subject, string[] buckets) =>
        Mcp.ConnectAsync(fixture.Server.McpUri, Mcp.SessionProtocol,
            TestTokens.BearerHeader(Principals.Token(subject, "quilt:read", buckets, Principals.ReadActions)));

    private void AnswerEmptyPackages() =>
        Catalog.Answer("searchPackages", _ => new { __typename = "EmptySearchResultSet", _ = (bool?)null });

    private static object Config(string name) => new { name, title = name, description = (string?)null, relevanceScore = 0, browsable = true };

    internal static object PackageHit(string bucket, string name, string hash, string? comment = null, string? meta = null, bool matchMeta = false) => new
    {
        id = $"{bucket}/{name}@{hash}",
        score = 1.5,
        bucket,
        name,
        pointer = "latest",
        hash,
        size = 2048.0,
        modified = "2024-05-01T12:00:00+00:00",
        totalEntriesCount = 7,
        comment,
        meta,
        workflow = (object?)null,
        matchLocations = new { name = false, comment = false, meta = matchMeta, workflow = false },
        matchingEntries = new[] { new { logicalKey = "reads/a.fastq", physicalKey = $"s3://{bucket}/reads/a.fastq", size = 10.0, meta = (string?)null } },
    };

    internal static object ObjectHit(string bucket, string key, string version, string? content = null) => new
    {
        id = $"{bucket}/{key}",
        score = 1.0,
        bucket,
        key,
        version,
        size = 12.0,
        modified = "2024-05-02T08:30:00Z",
        deleted = false,
        indexedContent = content,
    };

    private static void AssertJson(string expected, string? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual ?? "null")), $"expected {expected}\nactual {actual}");
}
