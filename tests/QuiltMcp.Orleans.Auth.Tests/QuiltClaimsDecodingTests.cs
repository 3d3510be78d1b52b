using System.Text;
using System.Text.Json;
using QuiltMcp.Orleans.Api.Identity.Tokens;
using QuiltMcp.Orleans.Auth.Tests.Support;

namespace QuiltMcp.Orleans.Auth.Tests;

/// <summary>The catalog's enhanced claims, explicit and compressed, decoded through real signed tokens.</summary>
public sealed class QuiltClaimsDecodingTests : IDisposable
{
    private static readonly string[] FullPermissions =
    [
        "s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:ListBucket", "s3:ListAllMyBuckets",
        "s3:GetObjectVersion", "s3:PutObjectAcl", "s3:AbortMultipartUpload", "s3:GetBucketLocation",
    ];

    private static readonly string[] AbbreviatedPermissions = ["g", "p", "d", "l", "la", "gv", "pa", "amu", "s3:GetBucketLocation"];

    private readonly ValidatorHost _host = ValidatorHost.Create();

    public void Dispose() => _host.Dispose();

    /// <summary>32 buckets in three naming families, as a catalog with many buckets produces.</summary>
    private static string[] ThirtyTwoBuckets() =>
    [
        .. Enumerable.Range(1, 12).Select(index => $"quilt-sandbox-{index:00}"),
        .. Enumerable.Range(1, 12).Select(index => $"cell-painting-{index:00}"),
        .. Enumerable.Range(1, 8).Select(index => $"data-drop-{index:00}"),
    ];

    [Fact]
    public async Task Thirty_two_buckets_and_permissions_decode_the_same_explicit_or_compressed()
    {
        var buckets = ThirtyTwoBuckets();
        var explicitToken = _host.QuiltToken(payload =>
        {
            payload["buckets"] = buckets;
            payload["permissions"] = FullPermissions;
            payload["roles"] = new[] { "ReadWriteQuiltV2-sales-prod" };
            payload["scope"] = "write";
            payload["level"] = "write";
        });
        var compressedToken = _host.QuiltToken(payload =>
        {
            payload["b"] = new Dictionary<string, object?> { ["_type"] = "compressed", ["_data"] = Base64Json(buckets) };
            payload["p"] = AbbreviatedPermissions;
            payload["r"] = new[] { "ReadWriteQuiltV2-sales-prod" };
            payload["s"] = "write";
            payload["l"] = "write";
        });

        var fromExplicit = OutcomeAssert.Accepted(await _host.Validator.ValidateAsync(explicitToken)).Principal;
        var fromCompressed = OutcomeAssert.Accepted(await _host.Validator.ValidateAsync(compressedToken)).Principal;

        Assert.Equal(32, fromExplicit.Buckets.Length);
        Assert.Equal(buckets, fromExplicit.Buckets);
        Assert.Equal(fromExplicit.Buckets, fromCompressed.Buckets);
        Assert.Equal(FullPermissions.Order(), fromCompressed.Permissions.Order());
        Assert.Equal(fromExplicit.Permissions.Order(), fromCompressed.Permissions.Order());
        Assert.Equal(fromExplicit.Roles, fromCompressed.Roles);
        Assert.Equal(fromExplicit.Scopes, fromCompressed.Scopes);
        Assert.Equal("write", fromCompressed.Level);
    }

    [Fact]
    public async Task Groups_form_expands_each_prefix_with_its_suffixes()
    {
        var token = _host.QuiltToken(payload => payload["b"] = Typed("groups", new Dictionary<string, object?>
        {
            ["quilt"] = new[] { "sandbox-bucket", "sales-raw" },
            ["cell"] = new[] { "painting-gallery" },
        }));

        var principal = OutcomeAssert.Accepted(await _host.Validator.ValidateAsync(token)).Principal;

        Assert.Equal(["quilt-sandbox-bucket", "quilt-sales-raw", "cell-painting-gallery"], principal.Buckets);
    }

    [Fact]
    public async Task Patterns_form_expands_prefixes_and_keeps_unprefixed_names_whole()
    {
        var token = _host.QuiltToken(payload => payload["b"] = Typed("patterns", new Dictionary<string, object?>
        {
            ["quilt"] = new[] { "sandbox-bucket" },
            ["other"] = new[] { "data-drop-off-bucket" },
        }));

        var principal = OutcomeAssert.Accepted(await _host.Validator.ValidateAsync(token)).Principal;

        Assert.Equal(["quilt-sandbox-bucket", "data-drop-off-bucket"], principal.Buckets);
    }

    [Fact]
    public async Task Compressed_form_accepts_url_safe_base64_without_padding()
    {
        var buckets = new[] { "bucket-with-~~~-chars", "b?>" };
        var urlSafe = Base64Json(buckets).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var token = _host.QuiltToken(payload => payload["b"] = Typed("compressed", urlSafe));

        var principal = OutcomeAssert.Accepted(await _host.Validator.ValidateAsync(token)).Principal;

        Assert.Equal(buckets, principal.Buckets);
    }

    [Fact]
    public async Task Explicit_claims_win_over_disagreeing_compressed_twins()
    {
        var token = _host.QuiltToken(payload =>
        {
            payload["buckets"] = new[] { "explicit-bucket" };
            payload["b"] = new[] { "compressed-bucket" };
            payload["permissions"] = new[] { "s3:GetObject" };
            payload["p"] = new[] { "d", "p" };
            payload["roles"] = new[] { "ExplicitRole" };
            payload["r"] = new[] { "CompressedRole" };
            payload["level"] = "read";
            payload["l"] = "admin";
            payload["scope"] = "quilt:read";
            payload["s"] = "quilt:admin";
        });

        var principal = OutcomeAssert.Accepted(await _host.Validator.ValidateAsync(token)).Principal;

        Assert.Equal(["explicit-bucket"], principal.Buckets);
        Assert.Equal(["s3:GetObject"], principal.Permissions);
        Assert.Equal(["ExplicitRole"], principal.Roles);
        Assert.Equal("read", principal.Level);
        Assert.Equal(["quilt:read"], principal.Scopes);
    }

    public static TheoryData<string, object, string> MalformedCompressedClaims => new()
    {
        { "b", new Dictionary<string, object?> { ["_type"] = "compressed", ["_data"] = "%%%not base64%%%" }, "claim 'b' (compressed)" },
        { "b", new Dictionary<string, object?> { ["_type"] = "compressed", ["_data"] = Convert.ToBase64String("{not json"u8) }, "claim 'b' (compressed)" },
        { "b", new Dictionary<string, object?> { ["_type"] = "compressed", ["_data"] = Convert.ToBase64String("{\"a\":1}"u8) }, "claim 'b' (compressed)" },
        { "b", new Dictionary<string, object?> { ["_type"] = "compressed", ["_data"] = Convert.ToBase64String("[1,2]"u8) }, "claim 'b' (compressed)" },
        { "b", new Dictionary<string, object?> { ["_type"] = "compressed", ["_data"] = 42 }, "claim 'b' (compressed)" },
        { "b", new Dictionary<string, object?> { ["_type"] = "zipped", ["_data"] = "eA==" }, "unknown _type" },
        { "b", new Dictionary<string, object?> { ["_data"] = new[] { "x" } }, "without string '_type'" },
        { "b", new Dictionary<string, object?> { ["_type"] = "groups", ["_data"] = new[] { "x" } }, "claim 'b' (groups)" },
        { "b", new Dictionary<string, object?> { ["_type"] = "groups", ["_data"] = new Dictionary<string, object?> { ["quilt"] = "sandbox" } }, "claim 'b._data.quilt'" },
        { "b", "just-a-string", "claim 'b' must be a list" },
        { "b", new object[] { "ok", 7 }, "claim 'b' must contain only strings" },
        { "p", "g,p", "claim 'p' must be a list" },
        { "p", new object[] { "g", true }, "claim 'p' must contain only strings" },
        { "r", new Dictionary<string, object?> { ["a"] = 1 }, "claim 'r' must be a list" },
        { "l", 3, "claim 'l' must be a string" },
    };

    [Theory]
    [MemberData(nameof(MalformedCompressedClaims))]
    public async Task Malformed_compressed_claims_reject_the_token_with_a_reason_naming_the_claim(string claim, object value, string reason)
    {
        var token = _host.QuiltToken(payload => payload[claim] = value);

        OutcomeAssert.Rejected(await _host.Validator.ValidateAsync(token), reason, token);
    }

    [Fact]
    public async Task A_malformed_compressed_twin_is_not_read_when_the_explicit_claim_is_present()
    {
        var token = _host.QuiltToken(payload =>
        {
            payload["buckets"] = new[] { "explicit-bucket" };
            payload["b"] = new Dictionary<string, object?> { ["_type"] = "compressed", ["_data"] = "%%%" };
        });

        var principal = OutcomeAssert.Accepted(await _host.Validator.ValidateAsync(token)).Principal;

        Assert.Equal(["explicit-bucket"], principal.Buckets);
    }

    [Fact]
    public async Task Missing_scope_claim_means_no_scopes()
    {
        var token = _host.QuiltToken();

        var principal = OutcomeAssert.Accepted(await _host.Validator.ValidateAsync(token)).Principal;

        Assert.Empty(principal.Scopes);
        Assert.Empty(principal.Buckets);
        Assert.Empty(principal.Permissions);
        Assert.Null(principal.Level);
    }

    public static TheoryData<Dictionary<string, object>, string?> RoleArnClaims => new()
    {
        { new() { ["aws_role_arn"] = "arn:aws:iam::123456789012:role/Reader" }, "arn:aws:iam::123456789012:role/Reader" },
        { new() { ["awsRoleArn"] = "arn:aws:iam::123456789012:role/Reader" }, "arn:aws:iam::123456789012:role/Reader" },
        { new() { ["aws_role_arn"] = "arn:aws:iam::123456789012:role/Reader", ["awsRoleArn"] = "arn:aws:iam::210987654321:role/Writer" }, "arn:aws:iam::123456789012:role/Reader" },
        { new() { ["aws_role_arn"] = "Reader", ["awsRoleArn"] = "arn:aws:iam::210987654321:role/Writer" }, "arn:aws:iam::210987654321:role/Writer" },
        { new() { ["aws_role_arn"] = "arn:aws:s3:::bucket" }, null },
        { new() { ["aws_role_arn"] = 42 }, null },
        { new(), null },
    };

    [Theory]
    [MemberData(nameof(RoleArnClaims))]
    public async Task A_role_arn_claim_is_read_in_either_spelling_and_a_malformed_one_is_ignored(Dictionary<string, object> claims, string? expected)
    {
        var token = _host.QuiltToken(payload =>
        {
            foreach (var (name, value) in claims)
            {
                payload[name] = value;
            }
        });

        var principal = OutcomeAssert.Accepted(await _host.Validator.ValidateAsync(token)).Principal;

        Assert.Equal(expected, principal.RoleArn);
    }

    public static TheoryData<string, object, string[]> ScopeForms => new()
    {
        { "scope", "quilt:read  public:read quilt:read", ["quilt:read", "public:read"] },
        { "scope", new[] { "quilt:read", "public:read" }, ["quilt:read", "public:read"] },
        { "scp", new[] { "confidential:read" }, ["confidential:read"] },
        { "scp", "public:read", ["public:read"] },
        { "scope", "", [] },
    };

    [Theory]
    [MemberData(nameof(ScopeForms))]
    public async Task Scopes_are_read_from_a_space_separated_string_or_a_list(string claim, object value, string[] expected)
    {
        var token = _host.QuiltToken(payload => payload[claim] = value);

        var principal = OutcomeAssert.Accepted(await _host.Validator.ValidateAsync(token)).Principal;

        Assert.Equal(expected, principal.Scopes);
    }

    public static TheoryData<object> WrongScopeTypes => new()
    {
        42,
        true,
        new Dictionary<string, object?> { ["read"] = true },
        new object[] { "quilt:read", 1 },
    };

    [Theory]
    [MemberData(nameof(WrongScopeTypes))]
    public async Task Scope_claim_that_is_not_a_string_or_list_of_strings_rejects_the_token(object value)
    {
        var token = _host.QuiltToken(payload => payload["scope"] = value);

        OutcomeAssert.Rejected(await _host.Validator.ValidateAsync(token), "claim 'scope' must", token);
    }

    [Fact]
    public async Task Display_name_falls_back_to_usernames_and_wrong_profile_types_are_ignored()
    {
        var token = _host.QuiltToken(payload =>
        {
            payload["name"] = 12;
            payload["preferred_username"] = "alice.p";
            payload["email"] = new[] { "not", "a", "string" };
        });

        var principal = OutcomeAssert.Accepted(await _host.Validator.ValidateAsync(token)).Principal;

        Assert.Equal("alice.p", principal.DisplayName);
        Assert.Null(principal.Email);
    }

    [Fact]
    public async Task Runtime_claims_keep_nested_values_as_plain_types()
    {
        var token = _host.QuiltToken(payload =>
        {
            payload["buckets"] = new[] { "b1", "b2" };
            payload["ratio"] = 0.5;
            payload["flag"] = true;
            payload["nested"] = new Dictionary<string, object?> { ["k"] = "v" };
        });

        var claims = OutcomeAssert.Accepted(await _host.Validator.ValidateAsync(token)).Claims;

        Assert.Equal(["b1", "b2"], Assert.IsAssignableFrom<IEnumerable<object?>>(claims["buckets"]).Cast<string>());
        Assert.Equal(0.5, Assert.IsType<double>(claims["ratio"]));
        Assert.True(Assert.IsType<bool>(claims["flag"]));
        Assert.Equal("v", Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(claims["nested"])["k"]);
    }

    [Fact]
    public void Permission_abbreviations_cover_the_catalog_set_and_pass_full_names_through()
    {
        var expanded = new[] { "g", "p", "d", "l", "la", "gv", "pa", "amu" }.Select(PermissionAbbreviations.Expand);

        Assert.Equal(FullPermissions.Take(8), expanded);
        Assert.Equal("s3:GetBucketLocation", PermissionAbbreviations.Expand("s3:GetBucketLocation"));
    }

    private static Dictionary<string, object?> Typed(string type, object data) => new() { ["_type"] = type, ["_data"] = data };

    private static string Base64Json(string[] values) => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(values)));
}
