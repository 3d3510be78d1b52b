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

    [Theory]
    [InlineData("lone \ud800 high")]
    [InlineData("lone \udc00 low")]
    public void A_lone_surrogate_becomes_one_replacement_character_as_utf_8_requires(string value)
    {
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
}
