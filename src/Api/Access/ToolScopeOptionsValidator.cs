namespace QuiltMcp.Orleans.Api.Access;

/// <summary>Checks the <c>Authorization</c> section at start-up; each message names the setting.</summary>
public sealed class ToolScopeOptionsValidator : IValidateOptions<ToolScopeOptions>
{
    public ValidateOptionsResult Validate(string? name, ToolScopeOptions options) =>
        string.IsNullOrWhiteSpace(options.AdminScope) || options.AdminScope.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? ValidateOptionsResult.Fail(
                $"Authorization:AdminScope must be one scope name without spaces (default {ToolScopeOptions.DefaultAdminScope}), not '{options.AdminScope}'; "
                + "to open one admin tool to every caller, set Authorization:ToolScopes:<tool> to an empty value instead.")
            : ValidateOptionsResult.Success;
}
