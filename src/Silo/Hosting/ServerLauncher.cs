using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using QuiltMcp.Orleans.Api.Configuration;

namespace QuiltMcp.Orleans.Silo.Hosting;

/// <summary>Reads the settings, picks the transport, and runs the matching host until it stops.</summary>
public static class ServerLauncher
{
    public const int ExitConfigurationError = 2;
    public const int ExitStartupFailure = 1;

    public static async Task<int> RunAsync(string[] args, IReadOnlyDictionary<string, string?> overrides)
    {
        ServerOptions server;
        try
        {
            server = ReadServerOptions(QuiltConfiguration.Build(args, overrides));
        }
        catch (Exception exception) when (ConfigurationError.Describe(exception) is { } message)
        {
            await Console.Error.WriteLineAsync($"quilt-mcp: configuration error: {message}");
            return ExitConfigurationError;
        }

        try
        {
            if (server.TransportKind == ServerTransport.Stdio)
            {
                using var stdio = StdioServerHost.Build(args, overrides);
                ValidateSettings(stdio.Services);
                await stdio.RunAsync(CancellationToken.None);
            }
            else
            {
                await using var http = HttpServerHost.Build(args, overrides, server);
                ValidateSettings(http.Services);
                await http.RunAsync();
            }

            return 0;
        }
        catch (Exception exception) when (ConfigurationError.Describe(exception) is { } message)
        {
            await Console.Error.WriteLineAsync($"quilt-mcp: configuration error: {message}");
            return ExitConfigurationError;
        }
        catch (OperationCanceledException)
        {
            // SIGTERM arrived before start-up finished: nothing was serving yet, so this is a clean stop.
            return 0;
        }
        catch (Exception exception) when (exception is IOException or System.Net.Sockets.SocketException
            or Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            // A taken port (Kestrel's or the silo's) is an operator's problem to fix, not a crash: one line, no stack.
            await Console.Error.WriteLineAsync($"quilt-mcp: could not start: {exception.Message}");
            return ExitStartupFailure;
        }
    }

    /// <summary>
    /// Runs the settings checks the host would run first thing on start (every <c>ValidateOnStart</c>), before it starts.
    /// A bad setting then stops the process with the launcher's one line, instead of also being logged by the host as
    /// "Hosting failed to start" at Error with a stack trace, which reads like a crash.
    /// </summary>
    private static void ValidateSettings(IServiceProvider services) =>
        services.GetService<Microsoft.Extensions.Options.IStartupValidator>()?.Validate();

    /// <summary>
    /// Binds and validates the Server section before any host builder exists, because this cannot wait for
    /// ValidateOnStart: the transport decides which host is built, and the HTTP address and port become its listen URL
    /// before it is built, so a bad value must stop the process before a host of the wrong kind is built (whose
    /// construction would report other settings first). The host validates the section again on start with the same
    /// validator; hosts built without this launcher (embedding, tests) rely on that.
    /// </summary>
    internal static ServerOptions ReadServerOptions(IConfiguration configuration)
    {
        var options = configuration.GetSection(ServerOptions.SectionName).Get<ServerOptions>() ?? new ServerOptions();
        var result = new ServerOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new Microsoft.Extensions.Options.OptionsValidationException(
                ServerOptions.SectionName, typeof(ServerOptions), result.Failures);
        }

        return options;
    }
}
