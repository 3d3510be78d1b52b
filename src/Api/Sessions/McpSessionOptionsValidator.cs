namespace QuiltMcp.Orleans.Api.Sessions;

/// <summary>Checks the <c>Sessions</c> section at start-up; the message names the setting.</summary>
public sealed class McpSessionOptionsValidator : IValidateOptions<McpSessionOptions>
{
    /// <summary>Longer than this, a request would outlast what load balancers and clients wait for an answer.</summary>
    private static readonly TimeSpan MaxStoreTimeout = TimeSpan.FromMinutes(1);

    public ValidateOptionsResult Validate(string? name, McpSessionOptions options) =>
        options.StoreTimeout <= TimeSpan.Zero || options.StoreTimeout > MaxStoreTimeout
            ? ValidateOptionsResult.Fail($"Sessions:StoreTimeout must be positive and at most {MaxStoreTimeout}, not {options.StoreTimeout}.")
            : ValidateOptionsResult.Success;
}
