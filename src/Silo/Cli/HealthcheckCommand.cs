using System.CommandLine;
using Microsoft.Extensions.Configuration;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Health;
using QuiltMcp.Orleans.Silo.Hosting;

namespace QuiltMcp.Orleans.Silo.Cli;

/// <summary>
/// <c>quilt-mcp healthcheck [--url …]</c>: exits 0 when the local server answers its liveness endpoint, 1
/// otherwise. Container images use it as their HEALTHCHECK so they need no curl.
/// </summary>
public static class HealthcheckCommand
{
    private static readonly Option<string?> Url = new("--url")
    {
        Description = "The URL to probe; default http://127.0.0.1:<port>/healthz from the same settings as serve.",
    };

    private static readonly Option<double> TimeoutSeconds = new("--timeout")
    {
        Description = "Seconds to wait for an answer.",
        DefaultValueFactory = _ => 3,
    };

    public static Command Create()
    {
        var command = new Command("healthcheck", "Probe a running server's liveness endpoint; exit 0 when healthy.");
        command.Add(Url);
        command.Add(TimeoutSeconds);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = parse.GetValue(Url) ?? DefaultUrl([.. parse.UnmatchedTokens]);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(Math.Max(0.1, parse.GetValue(TimeoutSeconds))) };
            try
            {
                using var response = await http.GetAsync(target, cancellationToken);
                await parse.InvocationConfiguration.Output.WriteLineAsync($"{target}: {(int)response.StatusCode}");
                return response.IsSuccessStatusCode ? 0 : 1;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"{target}: {exception.Message}");
                return 1;
            }
        });
        return command;
    }

    private static string DefaultUrl(string[] args)
    {
        var configuration = QuiltConfiguration.Build(args, overrides: null);
        var options = configuration.GetSection(ServerOptions.SectionName).Get<ServerOptions>() ?? new ServerOptions();

        // A server bound to every interface still answers on loopback.
        var host = options.Address is "0.0.0.0" or "::" or "[::]" ? "127.0.0.1" : options.Address;
        return $"http://{host}:{options.Port}{HealthEndpoints.LivenessPath}";
    }
}
