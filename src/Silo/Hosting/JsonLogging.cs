using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace QuiltMcp.Orleans.Silo.Hosting;

/// <summary>One JSON object per line, UTC timestamps; stdio mode sends everything to stderr.</summary>
public static class JsonLogging
{
    public static void Configure(ILoggingBuilder logging, bool toStandardError)
    {
        logging.ClearProviders();
        logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = false;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            // Relaxed escaping: "Ctrl+C" and 'quotes' read as themselves instead of \u002B and \u0027. Control characters
            // (line breaks included) are still escaped, so one event stays one line whatever a message carries.
            options.JsonWriterOptions = new System.Text.Json.JsonWriterOptions
            {
                Indented = false,
                Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            };
        });
        WrapConsoleProvider(logging.Services);

        // Orleans' Silo category warns at every start that the process does not use server GC. quilt-mcp runs the
        // workstation GC on purpose (less memory per idle session; docs/performance.md), so those two lines are noise
        // an operator would chase. What the category reports at Error still shows.
        logging.AddFilter("Orleans.Runtime.Silo", LogLevel.Error);
        if (toStandardError)
        {
            // stdout belongs to JSON-RPC in stdio mode: a single stray log line would corrupt the protocol.
            logging.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        }
    }

    /// <summary>Puts the console provider behind <see cref="WatchdogFirstTickFilter"/>.</summary>
    private static void WrapConsoleProvider(IServiceCollection services)
    {
        var console = services.Single(descriptor => descriptor.ServiceType == typeof(ILoggerProvider)
            && descriptor.ImplementationType == typeof(ConsoleLoggerProvider));
        services.Remove(console);
        services.AddSingleton<ILoggerProvider>(provider =>
            new WatchdogFirstTickFilter(ActivatorUtilities.CreateInstance<ConsoleLoggerProvider>(provider), TimeProvider.System));
    }
}
