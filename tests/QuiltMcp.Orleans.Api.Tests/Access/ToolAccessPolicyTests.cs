using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Access;
using QuiltMcp.Orleans.Api.Tests.Support;

namespace QuiltMcp.Orleans.Api.Tests.Access;

public sealed class ToolAccessPolicyTests
{
    private readonly ToolAccessPolicy _policy = new(new StaticMonitor(new ToolScopeOptions()));

    [Theory]
    [InlineData("public:read", "get_public_info", true)]
    [InlineData("public:read", "get_confidential_info", false)]
    [InlineData("confidential:read", "get_confidential_info", true)]
    [InlineData("", "get_public_info", false)]
    [InlineData("", "auth_status", true)]
    [InlineData("", "get_user_info", true)]
    public void Scopes_decide_which_tools_a_web_caller_may_use(string scopes, string tool, bool allowed)
    {
        var context = WebContext(scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(allowed, _policy.Decide(tool, context).Allowed);
    }

    [Fact]
    public void A_tool_without_a_scope_mapping_is_refused_over_http_and_says_why()
    {
        var decision = _policy.Decide("tool_added_without_a_mapping", WebContext(["quilt:admin", "quilt:write"]));
        Assert.False(decision.Allowed);
        Assert.Contains("no scope mapping", decision.Reason);
    }

    [Fact]
    public void The_desktop_user_may_use_every_tool()
    {
        var context = TestCallers.Desktop();
        Assert.True(_policy.Decide("get_confidential_info", context).Allowed);
        Assert.True(_policy.Decide("anything", context).Allowed);
    }

    [Fact]
    public void A_denial_names_the_missing_scope()
    {
        var decision = _policy.Decide("get_confidential_info", WebContext(["public:read"]));
        Assert.Equal("tool 'get_confidential_info' requires scope 'confidential:read'", decision.Reason);
    }

    [Fact]
    public void Configured_map_replaces_defaults_and_lists_supported_scopes()
    {
        var options = new ToolScopeOptions();
        options.ToolScopes.Clear();
        options.ToolScopes["get_confidential_info"] = "confidential:read";
        options.ToolScopes["get_public_info"] = "quilt:read";
        options.ToolScopes["bucket_list"] = "quilt:read";
        var policy = new ToolAccessPolicy(new StaticMonitor(options));

        Assert.True(policy.Decide("get_public_info", WebContext(["quilt:read"])).Allowed);
        Assert.Equal(["confidential:read", "quilt:read"], policy.SupportedScopes());
    }

    private static Api.Identity.Caller WebContext(string[] scopes) => TestCallers.Web(scopes);

    private sealed class StaticMonitor(ToolScopeOptions value) : IOptionsMonitor<ToolScopeOptions>
    {
        public ToolScopeOptions CurrentValue => value;

        public ToolScopeOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<ToolScopeOptions, string?> listener) => null;
    }
}
