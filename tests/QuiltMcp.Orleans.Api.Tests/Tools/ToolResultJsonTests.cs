using System.Text.Json;
using QuiltMcp.Orleans.Api.Tools;

namespace QuiltMcp.Orleans.Api.Tests.Tools;

/// <summary>Tool results carry text as text: only what JSON requires is escaped.</summary>
public sealed class ToolResultJsonTests
{
    [Theory]
    [InlineData("naïve ✓ куилт", "\"naïve ✓ куилт\"")]
    [InlineData("emoji 😀 and 𝄞", "\"emoji 😀 and 𝄞\"")]
    [InlineData("<a href='x'>&amp;</a> + `tick`", "\"<a href='x'>&amp;</a> + `tick`\"")]
    [InlineData("quilt+s3://bucket#package=a/b", "\"quilt+s3://bucket#package=a/b\"")]
    [InlineData("\"etag\"", "\"\\\"etag\\\"\"")]
    [InlineData("back\\slash", "\"back\\\\slash\"")]
    [InlineData("line\nfeed\ttab\rreturn\bbell\fform", "\"line\\nfeed\\ttab\\rreturn\\bbell\\fform\"")]
    [InlineData("nul\u0000 unit\u001f del\u007f", "\"nul\\u0000 unit\\u001F del\u007f\"")]
    public void Strings_are_written_as_text_with_only_the_escapes_json_requires(string value, string json)
    {
        Assert.Equal(json, JsonSerializer.Serialize(value, ToolResultJson.Options));
        Assert.Equal(value, JsonSerializer.Deserialize<string>(json));
    }

    /// <summary>
    /// Lone surrogates are put in at run time: in attribute arguments the compiler stores them as replacement
    /// characters, and the test would pass without ever seeing one.
    /// </summary>
    [Theory]
    [InlineData("lone {high} high")]
    [InlineData("lone {low} low")]
    public void A_lone_surrogate_becomes_one_replacement_character_as_utf_8_requires(string pattern)
    {
        var value = WithSurrogates(pattern);
        Assert.True(char.IsSurrogate(value[5]));
        var json = JsonSerializer.Serialize(value, ToolResultJson.Options);

        Assert.Equal(value[..5] + "\ufffd" + value[6..], JsonSerializer.Deserialize<string>(json));
    }

    [Fact]
    public void Results_are_compact_and_keep_their_property_names()
    {
        var json = JsonSerializer.Serialize(new { s3_uri = "s3://b/naïve.txt", size = 3, tags = new[] { "ü" } }, ToolResultJson.Options);

        Assert.Equal("{\"s3_uri\":\"s3://b/naïve.txt\",\"size\":3,\"tags\":[\"ü\"]}", json);
    }

    [Fact]
    public void A_27_character_string_costs_29_characters_not_97()
    {
        const string text = "naïve ✓ куилт and more text";

        Assert.Equal(27, text.Length);
        Assert.Equal(29, JsonSerializer.Serialize(text, ToolResultJson.Options).Length);
    }

    /// <summary>
    /// Already-encoded text (a parsed <see cref="JsonElement"/>, as structured content is) takes the UTF-8 path of the
    /// encoder: the same rule, with long runs before and after the escapes so the vectorized search has to stop in the middle.
    /// </summary>
    [Theory]
    [InlineData("naïve ✓ куилт 😀 <&> + 'q'")]
    [InlineData("\"etag\" back\\slash line\nfeed nul\u0000 unit\u001f")]
    [InlineData("a lone {high} surrogate")]
    public void Encoded_text_is_written_by_the_same_rule_as_strings(string core)
    {
        var value = new string('x', 100) + WithSurrogates(core) + new string('y', 100);
        var element = JsonDocument.Parse(JsonSerializer.Serialize(new { text = value })).RootElement.Clone();

        var fromElement = JsonSerializer.Serialize(element, ToolResultJson.Options);
        var fromString = JsonSerializer.Serialize(new { text = JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(value)) }, ToolResultJson.Options);

        Assert.Equal(fromString, fromElement);
        Assert.DoesNotContain("\\u00", fromElement.Replace("\\u0000", "").Replace("\\u001F", ""));
    }

    [Fact]
    public void Invalid_utf_8_is_found_at_its_first_bad_byte()
    {
        byte[] text = [(byte)'o', (byte)'k', 0xC3, 0xA9, 0xFF, (byte)'z', (byte)'"'];

        Assert.Equal(4, MinimalJsonEncoder.Instance.FindFirstCharacterToEncodeUtf8(text));
        Assert.Equal(6, MinimalJsonEncoder.Instance.FindFirstCharacterToEncodeUtf8(text.AsSpan(5)) + 5);
        Assert.Equal(-1, MinimalJsonEncoder.Instance.FindFirstCharacterToEncodeUtf8("naïve ✓ 😀"u8));
    }

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("pair 😀 then \"", "pair 😀 then \\\"")]
    [InlineData("high {high} before \"", "high \ufffd before \\\"")]
    [InlineData("\"quote before {low}", "\\\"quote before \ufffd")]
    [InlineData("ends high {high}", "ends high \ufffd")]
    [InlineData("reversed {low}{high} pair", "reversed \ufffd\ufffd pair")]
    public void Utf_16_text_is_escaped_from_the_first_character_that_needs_it(string pattern, string expected)
    {
        Assert.Equal(expected, MinimalJsonEncoder.Instance.Encode(WithSurrogates(pattern)));
    }

    private static string WithSurrogates(string pattern) => pattern.Replace("{high}", "\ud800").Replace("{low}", "\udc00");
}
