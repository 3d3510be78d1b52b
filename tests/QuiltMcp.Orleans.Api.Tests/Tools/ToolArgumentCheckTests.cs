using System.Text.Json;
using QuiltMcp.Orleans.Api.Tools;

namespace QuiltMcp.Orleans.Api.Tests.Tools;

public sealed class ToolArgumentCheckTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse("""
        {"type":"object","properties":{
            "name":{"type":"string","description":"Who."},
            "count":{"type":"integer"},
            "ratio":{"type":"number"},
            "prefix":{"type":["string","null"]},
            "tags":{"type":"array"},
            "meta":{"type":"object"},
            "anything":{}},
         "required":["name"]}
        """).RootElement;

    [Theory]
    [InlineData("""{"name":"a"}""")]
    [InlineData("""{"name":"a","count":3,"ratio":0.5,"prefix":null,"tags":[],"meta":{},"anything":[1],"extra":"ignored"}""")]
    [InlineData("""{"name":"a","ratio":2,"prefix":"p"}""")]
    public void Arguments_that_fit_pass(string arguments) => Assert.Null(ToolArgumentCheck.Problem(Schema, Parse(arguments)));

    [Theory]
    [InlineData("{}", "The argument 'name' is required: a string (Who).")]
    [InlineData("""{"name":null}""", "The argument 'name' is required: a string (Who).")]
    [InlineData("""{"name":true}""", "The argument 'name' must be a string (Who), not true.")]
    [InlineData("""{"name":"a","count":"3"}""", "The argument 'count' must be an integer, not a string.")]
    [InlineData("""{"name":"a","count":3.5}""", "The argument 'count' must be an integer, not a number with a fraction.")]
    [InlineData("""{"name":"a","ratio":false}""", "The argument 'ratio' must be a number, not false.")]
    [InlineData("""{"name":"a","prefix":{}}""", "The argument 'prefix' must be a string, not an object.")]
    [InlineData("""{"name":"a","tags":"x"}""", "The argument 'tags' must be an array, not a string.")]
    [InlineData("""{"name":"a","meta":[]}""", "The argument 'meta' must be an object, not an array.")]
    public void Misfits_name_the_argument_what_was_expected_and_what_came(string arguments, string problem) =>
        Assert.Equal(problem, ToolArgumentCheck.Problem(Schema, Parse(arguments)));

    [Fact]
    public void No_arguments_at_all_still_report_the_required_one() =>
        Assert.Equal("The argument 'name' is required: a string (Who).", ToolArgumentCheck.Problem(Schema, null));

    [Fact]
    public void A_schema_without_properties_checks_nothing() =>
        Assert.Null(ToolArgumentCheck.Problem(JsonDocument.Parse("""{"type":"object"}""").RootElement, null));

    private static Dictionary<string, JsonElement> Parse(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(property => property.Name, property => property.Value.Clone());
}
