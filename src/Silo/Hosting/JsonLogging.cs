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
            options.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
        });
        if (toStandardError)
        {
            // stdout belongs to JSON-RPC in stdio mode: a single stray log line would corrupt the protocol.
            logging.Services.Configure<ConsoleLoggerOptions>(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        }
    }
}
