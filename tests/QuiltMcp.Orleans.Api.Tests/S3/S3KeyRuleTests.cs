using QuiltMcp.Orleans.Api.Quilt3;
using QuiltMcp.Orleans.Api.S3;
using QuiltMcp.Orleans.Api.Tools.Packages;

namespace QuiltMcp.Orleans.Api.Tests.S3;

/// <summary>
/// The S3 key rule: no '.' or '..' path segment in any form a server on the way might resolve, while names that only
/// contain dots stay ordinary keys.
/// </summary>
public sealed class S3KeyRuleTests
{
    private const string Rule = "keys may not contain '.' or '..' segments in any encoding";

    /// <summary>Each hostile key with what the rule reports about it.</summary>
    public static TheoryData<string, string> HostileKeys() => new()
    {
        // As written.
        { "..", "a '..' path segment" },
        { ".", "a '.' path segment" },
        { "../other-bucket/x", "a '..' path segment" },
        { "a/../../other-bucket/x", "a '..' path segment" },
        { "./x", "a '.' path segment" },
        { "a/./b", "a '.' path segment" },
        { "a/..", "a '..' path segment" },
        { "a/.", "a '.' path segment" },
        // Backslash as a separator.
        { "..\\other-bucket\\x", "a '..' path segment" },
        { "a\\..\\b", "a '..' path segment" },
        // Path parameters that Tomcat-style servers strip.
        { "..;/other-bucket/x", "a '..' path segment" },
        { "a/.;jsessionid=1/b", "a '.' path segment" },
        // Percent-encoded, either case, with encoded slashes and backslashes.
        { "%2e%2e/other-bucket/x", "a '..' path segment once percent-decoded" },
        { "%2E%2E/other-bucket/x", "a '..' path segment once percent-decoded" },
        { ".%2E/x", "a '..' path segment once percent-decoded" },
        { "%2e/x", "a '.' path segment once percent-decoded" },
        { "..%2Fother-bucket%2Fx", "a '..' path segment once percent-decoded" },
        { "..%2fother-bucket%2fx", "a '..' path segment once percent-decoded" },
        { "%2e%2e%2fother-bucket", "a '..' path segment once percent-decoded" },
        { "..%5Cother-bucket%5Cx", "a '..' path segment once percent-decoded" },
        { "a%5c..%5cb", "a '..' path segment once percent-decoded" },
        // Repeated (double, triple) encoding.
        { "%252e%252e/other-bucket/x", "a '..' path segment after 2 rounds of percent-decoding" },
        { "..%252Fother-bucket", "a '..' path segment after 2 rounds of percent-decoding" },
        { "%25252e%25252e/x", "a '..' path segment after 3 rounds of percent-decoding" },
        // IIS-style %u escapes.
        { "%u002e%u002e/x", "a '..' path segment once percent-decoded" },
        // Overlong UTF-8 for '.', '/' and '\' that a lenient decoder accepts.
        { "%c0%ae%c0%ae/other-bucket/x", "a '..' path segment once percent-decoded" },
        { "%C0%AE/x", "a '.' path segment once percent-decoded" },
        { "%e0%80%ae%e0%80%ae/x", "a '..' path segment once percent-decoded" },
        { "..%c0%afother-bucket", "a '..' path segment once percent-decoded" },
        { "..%c1%9cother-bucket", "a '..' path segment once percent-decoded" },
        // Unicode look-alikes that NFKC turns into dots or slashes.
        { "\uFF0E\uFF0E/other-bucket/x", "a '..' path segment once Unicode-normalized (NFKC)" },
        { "\uFF0E/x", "a '.' path segment once Unicode-normalized (NFKC)" },
        { "\u2025/x", "a '..' path segment once Unicode-normalized (NFKC)" },
        { "\u2024\u2024/x", "a '..' path segment once Unicode-normalized (NFKC)" },
        { "\uFE52\uFE52/x", "a '..' path segment once Unicode-normalized (NFKC)" },
        { "a\uFF0F..\uFF0Fb", "a '..' path segment once Unicode-normalized (NFKC)" },
        { "a\uFF3C..\uFF3Cb", "a '..' path segment once Unicode-normalized (NFKC)" },
        { "\uFE30/x", "a '..' path segment once Unicode-normalized (NFKC)" },
        { "a\uFE68\uFE52\uFE68b", "a '.' path segment once Unicode-normalized (NFKC)" },
        { "%EF%BC%8E%EF%BC%8E/x", "a '..' path segment once Unicode-normalized (NFKC), once percent-decoded" },
        // Ill-formed text and encodings nested deeper than anyone writes by hand.
        { "a%uD800b", "characters that are not valid Unicode once percent-decoded" },
        { "%2525252525", "percent-encoding nested more than 4 levels deep" },
    };

    [Theory]
    [MemberData(nameof(HostileKeys))]
    public void Hostile_keys_are_refused_naming_the_key_the_form_and_the_rule(string key, string finding)
    {
        var failure = Assert.Throws<InvalidS3AddressException>(() => S3Names.EnsureValidKey(key));

        Assert.Equal($"The object key '{S3Names.Shorten(key)}' has {finding}; {Rule}.", failure.Message);
    }

    [Theory]
    [MemberData(nameof(HostileKeys))]
    public void Listing_prefixes_and_logical_keys_follow_the_same_rule(string key, string finding)
    {
        Assert.Equal($"The prefix '{S3Names.Shorten(key)}' has {finding}; {Rule}.",
            Assert.Throws<InvalidS3AddressException>(() => S3Names.EnsureValidPrefix(key)).Message);
        Assert.Equal($"The logical key '{S3Names.Shorten(key)}' has {finding}; {Rule}.",
            Assert.Throws<PackageFormatException>(() => LogicalKey.EnsureValid(key)).Message);
    }

    [Fact]
    public void The_refusal_reads_as_the_rule_says()
    {
        var failure = Assert.Throws<InvalidS3AddressException>(() => S3Names.EnsureValidKey("../x"));

        Assert.Equal("The object key '../x' has a '..' path segment; keys may not contain '.' or '..' segments in any encoding.", failure.Message);
    }

    /// <summary>
    /// Dots inside names, hidden files, '...', empty segments (S3 keys may have them and no server resolves them
    /// away), percent signs that start no escape, and look-alikes that do not normalize to a lone dot stay valid.
    /// </summary>
    [Theory]
    [InlineData("a.b/..c/d..")]
    [InlineData(".hidden")]
    [InlineData("dir/.quilt/packages/x")]
    [InlineData("...")]
    [InlineData("a/.../b")]
    [InlineData("..a/b..")]
    [InlineData("a//b")]
    [InlineData("/leading-slash")]
    [InlineData("folder/")]
    [InlineData("100%")]
    [InlineData("100%25 done")]
    [InlineData("a%2eb")]
    [InlineData("%zz%2")]
    [InlineData("a;b/c;d")]
    [InlineData("report\u2024pdf")]
    [InlineData("\u2026")]
    [InlineData("na\u00efve/\uFB01le.csv")]
    [InlineData("emoji \U0001F600.txt")]
    public void Names_with_dots_inside_them_are_ordinary_keys(string key)
    {
        S3Names.EnsureValidKey(key);
        Assert.Null(DotSegments.Find(key));
    }

    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("a\nb")]
    [InlineData("a\u0085b")]
    public void Control_characters_are_refused_and_shown_as_question_marks(string key)
    {
        Assert.Equal("The object key 'a?b' contains control characters.",
            Assert.Throws<InvalidS3AddressException>(() => S3Names.EnsureValidKey(key)).Message);
    }

    [Fact]
    public void Quoted_caller_text_is_cut_after_80_characters()
    {
        var eighty = new string('k', 80);

        Assert.Equal(eighty, S3Names.Shorten(eighty));
        Assert.Equal(eighty + "…", S3Names.Shorten(eighty + "k"));
        Assert.Equal("", S3Names.Shorten(null));
        Assert.Equal("tab?and?newline", S3Names.Shorten("tab\tand\nnewline"));
    }

    [Fact]
    public void Bucket_names_are_checked_with_a_message_that_gives_the_rule()
    {
        S3Names.EnsureBucket("quilt-data.v2");

        Assert.Equal("'Quilt_Data' is not a valid S3 bucket name (3–63 lowercase letters, digits, dots, hyphens).",
            Assert.Throws<InvalidS3AddressException>(() => S3Names.EnsureBucket("Quilt_Data")).Message);
        Assert.Equal("'' is not a valid S3 bucket name (3–63 lowercase letters, digits, dots, hyphens).",
            Assert.Throws<InvalidS3AddressException>(() => S3Names.EnsureBucket(null)).Message);
    }

    /// <summary>One fact rather than a theory: xUnit carries theory data as UTF-8, which has no lone surrogates.</summary>
    [Fact]
    public void Lone_surrogates_anywhere_are_not_valid_unicode()
    {
        foreach (var text in new[] { "a\uDC00b", "a\uD800", "\uDC00\uD800" })
        {
            Assert.Equal("characters that are not valid Unicode", DotSegments.Find(text));
            Assert.False(S3Names.IsValidUnicode(text));
        }
    }

    [Fact]
    public void Surrogate_pairs_at_either_end_are_valid_unicode()
    {
        Assert.Null(DotSegments.Find("\U0001F600a\U0001F600"));
        Assert.True(S3Names.IsValidUnicode("\U0001F600a\U0001F600"));
    }

    [Fact]
    public void Four_rounds_of_percent_encoding_are_looked_through_and_a_fifth_is_refused()
    {
        Assert.Equal("a '..' path segment after 4 rounds of percent-decoding", DotSegments.Find("%2525252e%2525252e/x"));
        Assert.Null(DotSegments.Find("%25252541/x"));
        Assert.Equal("percent-encoding nested more than 4 levels deep", DotSegments.Find("%2525252541/x"));
    }

    [Theory]
    [InlineData(";/x")]
    [InlineData("a/;b/c")]
    [InlineData("a/.x;/b")]
    public void Path_parameters_on_ordinary_segments_are_ordinary(string key)
    {
        Assert.Null(DotSegments.Find(key));
    }

    [Fact]
    public void Null_text_is_a_programming_error()
    {
        Assert.Throws<ArgumentNullException>(() => DotSegments.Find(null!));
        Assert.Throws<ArgumentNullException>(() => PercentDecoding.DecodeOnce(null!));
    }

    [Fact]
    public void Lone_surrogates_are_refused()
    {
        Assert.Equal("The object key 'a\uD800b' is not valid Unicode (it has a lone surrogate).",
            Assert.Throws<InvalidS3AddressException>(() => S3Names.EnsureValidKey("a\uD800b")).Message);
        Assert.Equal("The logical key 'a\uDC00b' is not valid Unicode (it has a lone surrogate).",
            Assert.Throws<PackageFormatException>(() => LogicalKey.EnsureValid("a\uDC00b")).Message);
        Assert.Equal("characters that are not valid Unicode", DotSegments.Find("a\uD800b"));
    }

    [Fact]
    public void Empty_and_overlong_keys_are_refused()
    {
        Assert.Equal("The object key is empty.", Assert.Throws<InvalidS3AddressException>(() => S3Names.EnsureValidKey("")).Message);
        var longKey = new string('k', 1025);
        Assert.Equal($"The object key '{S3Names.Shorten(longKey)}' is longer than 1024 UTF-8 bytes.",
            Assert.Throws<InvalidS3AddressException>(() => S3Names.EnsureValidKey(longKey)).Message);
        S3Names.EnsureValidKey(new string('k', 1024));
    }
}
