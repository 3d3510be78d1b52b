using System.Text;
using QuiltMcp.Orleans.Api.Identity.Tokens;

namespace QuiltMcp.Orleans.Auth.Tests.Units;

/// <summary>
/// The Quilt claims read straight from a payload: the subject rule, each bucket form at its edges (prefix
/// "other" in the groups form, base64 with and without padding) and the reason for each malformed shape.
/// </summary>
public sealed class ClaimDecodingTests
{
    private static readonly DateTimeOffset IssuedAt = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"sub": null}""")]
    [InlineData("""{"sub": ""}""")]
    [InlineData("""{"sub": "  "}""")]
    [InlineData("""{"sub": 42}""")]
    [InlineData("""{"sub": ["alice"]}""")]
    public void A_subject_that_is_missing_or_not_a_non_empty_string_is_refused(string payload)
    {
        var refusal = Assert.Throws<InvalidClaimException>(() => QuiltClaimsDecoder.Decode(Json.Parse(payload), "issuer", IssuedAt));

        Assert.Equal("claim 'sub' is missing or not a non-empty string", refusal.Message);
    }

    [Fact]
    public void A_minimal_payload_is_a_principal_with_nothing_granted()
    {
        var principal = QuiltClaimsDecoder.Decode(Json.Parse("""{"sub": "alice"}"""), "issuer", IssuedAt);

        Assert.Equal("alice", principal.Subject);
        Assert.Equal("issuer", principal.Issuer);
        Assert.Equal(IssuedAt, principal.IssuedAt);
        Assert.Empty(principal.Scopes);
        Assert.Empty(principal.Buckets);
        Assert.Empty(principal.Permissions);
        Assert.Empty(principal.Roles);
        Assert.Null(principal.Level);
        Assert.Null(principal.DisplayName);
        Assert.Null(principal.Email);
    }

    [Fact]
    public void In_the_groups_form_the_prefix_other_is_a_prefix_like_any_other()
    {
        var buckets = Buckets("""{"_type": "groups", "_data": {"other": ["data"], "quilt": ["raw"]}}""");

        Assert.Equal(["other-data", "quilt-raw"], buckets);
    }

    [Fact]
    public void In_the_patterns_form_names_under_other_are_whole()
    {
        var buckets = Buckets("""{"_type": "patterns", "_data": {"other": ["data-drop"], "quilt": ["raw"]}}""");

        Assert.Equal(["data-drop", "quilt-raw"], buckets);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("a")]
    [InlineData("abc")]
    [InlineData("bucket-one,b")]
    public void The_compressed_form_reads_base64_with_or_without_padding_in_either_alphabet(string list)
    {
        var names = list.Split(',');
        var json = "[" + string.Join(",", names.Select(name => $"\"{name}\"")) + "]";
        var standard = Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
        var urlSafe = standard.TrimEnd('=').Replace('+', '-').Replace('/', '_');

        Assert.Equal(names, Buckets($$"""{"_type": "compressed", "_data": "{{standard}}"}"""));
        Assert.Equal(names, Buckets($$"""{"_type": "compressed", "_data": "{{urlSafe}}"}"""));
        Assert.Equal(names, Buckets($$"""{"_type": "compressed", "_data": " {{urlSafe}} "}"""));
    }

    [Fact]
    public void Base64_that_needs_the_url_safe_alphabet_is_read()
    {
        // "?>" and "~~" encode to '/' and '+' in the standard alphabet.
        string[] names = ["b?>", "~~~"];
        var standard = Convert.ToBase64String(Encoding.UTF8.GetBytes("[\"b?>\",\"~~~\"]"));
        Assert.True(standard.Contains('/') || standard.Contains('+'));

        Assert.Equal(names, Buckets($$"""{"_type": "compressed", "_data": "{{standard.TrimEnd('=').Replace('+', '-').Replace('/', '_')}}"}"""));
    }

    public static TheoryData<string, string> MalformedBuckets() => new()
    {
        { """{"_type": 5, "_data": ["x"]}""", "claim 'b' is an object without string '_type' and '_data'" },
        { """{"_type": null, "_data": ["x"]}""", "claim 'b' is an object without string '_type' and '_data'" },
        { """{"_data": ["x"]}""", "claim 'b' is an object without string '_type' and '_data'" },
        { """{"_type": "groups"}""", "claim 'b' is an object without string '_type' and '_data'" },
        { """{"_type": "Groups", "_data": {}}""", "claim 'b' has unknown _type (expected groups, patterns or compressed)" },
        { """{"_type": "patterns", "_data": ["x"]}""", "claim 'b' (patterns) must map each prefix to a list of names" },
        { """{"_type": "groups", "_data": {"quilt": [1]}}""", "claim 'b._data.quilt' must contain only strings" },
        { """{"_type": "compressed", "_data": "WyJhIl0==="}""", "claim 'b' (compressed) must be base64 of a JSON list of strings" },
        { """{"_type": "compressed", "_data": "W"}""", "claim 'b' (compressed) must be base64 of a JSON list of strings" },
        { """{"_type": "compressed", "_data": ["WyJhIl0"]}""", "claim 'b' (compressed) must be base64 of a JSON list of strings" },
        { "42", "claim 'b' must be a list of buckets or a {_type, _data} object" },
        { "\"bucket\"", "claim 'b' must be a list of buckets or a {_type, _data} object" },
    };

    [Theory]
    [MemberData(nameof(MalformedBuckets))]
    public void Each_malformed_bucket_claim_is_refused_with_its_reason(string claim, string reason)
    {
        var refusal = Assert.Throws<InvalidClaimException>(() => Buckets(claim));

        Assert.Equal(reason, refusal.Message);
    }

    [Theory]
    [InlineData("""{"scope": "a b", "scp": ["c"], "s": "d"}""", new[] { "a", "b" })]
    [InlineData("""{"scope": null, "scp": ["c d", "c"], "s": "e"}""", new[] { "c", "d" })]
    [InlineData("""{"s": "\tread  write\n"}""", new[] { "read", "write" })]
    public void Scopes_come_from_the_first_present_claim_split_on_whitespace_without_repeats(string payload, string[] scopes)
    {
        Assert.Equal(scopes, ScopeClaimReader.Read(Json.Parse(payload)));
    }

    [Fact]
    public void A_scope_claim_of_another_type_is_refused_by_its_name()
    {
        var refusal = Assert.Throws<InvalidClaimException>(() => ScopeClaimReader.Read(Json.Parse("""{"scp": 7}""")));

        Assert.Equal("claim 'scp' must be a space-separated string or a list of strings", refusal.Message);
    }

    [Fact]
    public void Profile_names_fall_back_in_order_and_skip_blank_or_mistyped_values()
    {
        var principal = QuiltClaimsDecoder.Decode(
            Json.Parse("""{"sub": "alice", "name": " ", "preferred_username": 5, "cognito:username": "alice-c", "email": "a@example.com"}"""),
            "issuer",
            IssuedAt);

        Assert.Equal("alice-c", principal.DisplayName);
        Assert.Equal("a@example.com", principal.Email);
    }

    [Fact]
    public void Lists_are_read_explicit_first_and_repeats_are_dropped()
    {
        var principal = QuiltClaimsDecoder.Decode(
            Json.Parse("""{"sub": "alice", "roles": null, "r": ["R1", "R1", "R2"], "permissions": ["s3:GetObject", "s3:GetObject"], "l": "read", "b": ["x", "x"]}"""),
            "issuer",
            IssuedAt);

        Assert.Equal(["R1", "R2"], principal.Roles);
        Assert.Equal(["s3:GetObject"], principal.Permissions);
        Assert.Equal(["x"], principal.Buckets);
        Assert.Equal("read", principal.Level);
    }

    private static string[] Buckets(string claim) => BucketClaimDecoder.Decode(Json.Parse(claim), "b");
}
