namespace QuiltMcp.Orleans.Api.Health;

public sealed class ShutdownOptionsValidator : IValidateOptions<ShutdownOptions>
{
    public ValidateOptionsResult Validate(string? name, ShutdownOptions options)
    {
        var failures = new List<string>();
        if (options.DrainDelay < TimeSpan.Zero)
        {
            failures.Add("Shutdown:DrainDelay must not be negative.");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            failures.Add("Shutdown:Timeout must be positive.");
        }
        else if (options.DrainDelay >= options.Timeout)
        {
            failures.Add("Shutdown:DrainDelay must be shorter than Shutdown:Timeout.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
