using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Access;
using QuiltMcp.Orleans.Api.Tests.Support;

namespace QuiltMcp.Orleans.Api.Tests.Access;

/// <summary>
/// Authorization:AdminScope names the one scope the catalog admin tools require, as configured through AddQuiltAccess;
/// a tool's own Authorization:ToolScopes entry still wins, and a blank admin scope stops the start.
/// </summary>
public sealed class AdminScopeConfigurationTests
{
    private static readonly string[] AdminTools = ["admin_users_list", "admin_user_get", "admin_roles_list", "admin_policies_list"];

    [Fact]
    public void By_default_every_admin_tool_requires_quilt_admin_which_is_advertised()
    {
        using var services = Build([]);
        var policy = services.GetRequiredService<ToolAccessPolicy>();

        Assert.All(AdminTools, tool =>
        {
            Assert.Equal($"tool '{tool}' requires scope 'quilt:admin'", policy.Decide(tool, TestCallers.Web(["quilt:read", "quilt:write"])).Reason);
            Assert.True(policy.Decide(tool, TestCallers.Web(["quilt:admin"])).Allowed);
        });
        Assert.Contains("quilt:admin", policy.SupportedScopes());
    }

    [Fact]
    public void The_configured_admin_scope_applies_to_every_admin_tool_unless_a_tool_names_its_own()
    {
        using var services = Build(new()
        {
            ["Authorization:AdminScope"] = "ops:catalog-admin",
            ["Authorization:ToolScopes:admin_roles_list"] = "quilt:read",
        });
        var policy = services.GetRequiredService<ToolAccessPolicy>();

        Assert.Equal("tool 'admin_users_list' requires scope 'ops:catalog-admin'", policy.Decide("admin_users_list", TestCallers.Web(["quilt:admin"])).Reason);
        Assert.True(policy.Decide("admin_user_get", TestCallers.Web(["ops:catalog-admin"])).Allowed);
        Assert.True(policy.Decide("admin_policies_list", TestCallers.Web(["ops:catalog-admin"])).Allowed);
        Assert.True(policy.Decide("admin_roles_list", TestCallers.Web(["quilt:read"])).Allowed);
        Assert.DoesNotContain("quilt:admin", policy.SupportedScopes());
        Assert.Contains("ops:catalog-admin", policy.SupportedScopes());
    }

    [Theory]
    [InlineData("")]
    [InlineData("quilt:admin quilt:read")]
    public void A_blank_or_multi_word_admin_scope_is_refused_naming_the_setting(string scope)
    {
        using var services = Build(new() { ["Authorization:AdminScope"] = scope });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ToolScopeOptions>>().Value);

        Assert.StartsWith($"Authorization:AdminScope must be one scope name without spaces (default quilt:admin), not '{scope}'", failure.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddQuiltAccess(configuration).BuildServiceProvider();
    }
}
