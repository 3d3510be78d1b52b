using System.Text.Json;
using QuiltMcp.Orleans.Api.Tools;

namespace QuiltMcp.Orleans.Api.Tests.Tools;

public sealed class ArgumentAliasesTests
{
    private static readonly JsonElement True = JsonDocument.Parse("true").RootElement;
    private static readonly JsonElement False = JsonDocument.Parse("false").RootElement;

    [Fact]
    public void A_former_name_is_read_as_the_current_one()
    {
        var renamed = ArgumentAliases.Rename(AuthTools.AuthStatusName, new Dictionary<string, JsonElement> { ["includeCatalog"] = True });

        Assert.Equal(["include_catalog"], renamed.Keys);
        Assert.True(renamed["include_catalog"].GetBoolean());
    }

    [Fact]
    public void When_both_names_come_the_current_one_wins_and_the_former_is_left_for_the_tool_to_ignore()
    {
        var arguments = new Dictionary<string, JsonElement> { ["includeCatalog"] = True, ["include_catalog"] = False };

        var renamed = ArgumentAliases.Rename(AuthTools.AuthStatusName, arguments);

        Assert.Same(arguments, renamed);
        Assert.False(renamed["include_catalog"].GetBoolean());
    }

    [Fact]
    public void Other_tools_and_current_names_are_left_alone()
    {
        var other = new Dictionary<string, JsonElement> { ["includeCatalog"] = True };
        var current = new Dictionary<string, JsonElement> { ["include_catalog"] = True };

        Assert.Same(other, ArgumentAliases.Rename(AuthTools.UserInfoName, other));
        Assert.Same(current, ArgumentAliases.Rename(AuthTools.AuthStatusName, current));
    }
}
