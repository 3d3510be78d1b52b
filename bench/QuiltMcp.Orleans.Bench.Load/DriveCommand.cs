using QuiltMcp.Orleans.Bench.Load.Hosting;
using QuiltMcp.Orleans.Bench.Load.Results;
using QuiltMcp.Orleans.Bench.Load.Scenarios;
using QuiltMcp.Orleans.Testing.Processes;

namespace QuiltMcp.Orleans.Bench.Load;

/// <summary>
/// Load against servers the harness did not start (e.g. one under dotnet-trace): <c>--url</c> (comma-separated
/// for several), optional <c>--pid</c> for RSS. Prints one JSON line.
/// </summary>
public sealed class DriveCommand
{
    private readonly LoadSettings _settings;
    private readonly List<Uri> _endpoints;
    private readonly int? _pid;

    public DriveCommand(CommandLineOptions options)
    {
        _settings = LoadArguments.Settings(options, options.Flag("quick"));
        _endpoints = options.List("url", "http://127.0.0.1:8000/mcp").Select(url => new Uri(url)).ToList();
        _pid = options.Int("pid", 0) is > 0 and var pid ? pid : null;
        options.RejectUnknown();
    }

    public async Task<int> RunAsync()
    {
        var outcome = await ToolCallLoad.RunAsync(_endpoints, _settings);
        var result = Report.FromLoop("drive", ServerKind.Ours, outcome, _settings, _pid is { } pid ? ProcessMemory.ReadRssKb(pid) : null,
            _endpoints.Count) with { Server = string.Join(",", _endpoints) };
        Console.WriteLine(result.ToJsonLine());
        return outcome.Errors == 0 ? 0 : 1;
    }
}
