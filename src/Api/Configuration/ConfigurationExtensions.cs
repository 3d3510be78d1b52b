namespace QuiltMcp.Orleans.Api.Configuration;

public static class ConfigurationExtensions
{
    /// <summary>
    /// Adds the legacy environment variables. Call it after the standard environment variables and before the
    /// command line, so an explicit <c>--Server:Port=…</c> still wins.
    /// </summary>
    public static IConfigurationBuilder AddLegacyEnvironmentVariables(this IConfigurationBuilder builder, System.Collections.IDictionary? environment = null) =>
        builder.Add(new LegacyEnvironmentVariables(environment));
}
