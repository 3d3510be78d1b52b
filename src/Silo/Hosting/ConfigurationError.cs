using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Configuration;

namespace QuiltMcp.Orleans.Silo.Hosting;

/// <summary>Turns the ways a bad setting surfaces into one line that names the setting and why.</summary>
public static class ConfigurationError
{
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException validation => string.Join(" ", validation.Failures),
        InvalidOperationException binding when binding.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
            WithLegacyName(binding.Message),
        _ when exception.InnerException is not null => Describe(exception.InnerException),
        _ => null,
    };

    /// <summary>Binder messages name the key (<c>Server:Port</c>); operators often set FASTMCP_PORT instead.</summary>
    private static string WithLegacyName(string message)
    {
        var start = message.IndexOf(" at '", StringComparison.Ordinal);
        if (start < 0)
        {
            return message;
        }

        start += 5;
        var end = message.IndexOf('\'', start);
        if (end < 0)
        {
            return message;
        }

        var key = message[start..end];
        var variable = LegacyEnvironmentVariables.VariableFor(key);
        return variable is null ? message : $"{message} (setting {key}, environment variable {variable})";
    }
}
