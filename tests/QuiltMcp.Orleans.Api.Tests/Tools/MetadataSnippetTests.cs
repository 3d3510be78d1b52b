using QuiltMcp.Orleans.Api.Tools.Search;

namespace QuiltMcp.Orleans.Api.Tests.Tools;

public sealed class MetadataSnippetTests
{
    [Theory]
    [InlineData("""{"assay": "rna-seq", "note": "long"}""", "assay: rna-seq; note: long")]
    [InlineData("""{"run": {"id": 7, "ok": true, "lab": null}}""", "run.id: 7; run.ok: true; run.lab: null")]
    [InlineData("""{"tags": ["a", 2, {"k": "v"}], "naïve": "куилт ✓"}""", """tags: [a, 2, {"k": "v"}]; naïve: куилт ✓""")]
    [InlineData("""{}""", "")]
    public void A_metadata_object_becomes_path_value_pairs_without_escaped_quotes(string json, string expected) =>
        Assert.Equal(expected, MetadataSnippet.Render(json));

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"text\"")]
    [InlineData("{\"cut\": \"off")]
    [InlineData("not json at all")]
    [InlineData("")]
    [InlineData(null)]
    public void Text_that_is_not_a_json_object_is_passed_on_unchanged(string? text) =>
        Assert.Equal(text, MetadataSnippet.Render(text));
}
