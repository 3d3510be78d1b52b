using QuiltMcp.Orleans.Bench.Load;

const string Usage = """
    quilt-mcp-bench compare [--quick] [--scenarios startup,tools-call-cold,tools-call,tools-call-stateless,session-open,idle-sessions,principals,data-tool,cluster]
                            [--servers ours,baseline,ours+otlp,sdk+jwt,baseline-defaults,ours+servergc] [--telemetry] [--sessions 64] [--concurrency 32] [--principals 100]
                            [--duration 20] [--warmup 30] [--open-warmup 5] [--idle-sessions 10000,100000] [--idle-time-limit 300]
                            [--principal-counts 10000,100000] [--principal-time-limit 300] [--principal-idle-watch 0]
                            [--data-concurrency 8] [--data-rounds 3] [--startup-repeats 5] [--repeats 1] [--output results.jsonl]
    quilt-mcp-bench drive --url http://127.0.0.1:8000/mcp [--pid N] [--stateless] [--sessions 64] [--concurrency 32]
                          [--principals 100] [--duration 20] [--warmup 30] [--tool auth_status] [--arguments {}] [--secret S]
    """;

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine(Usage);
    return 0;
}

try
{
    var options = new CommandLineOptions(args.Skip(1));
    return args[0] switch
    {
        "compare" => await new CompareCommand(options).RunAsync(),
        "drive" => await new DriveCommand(options).RunAsync(),
        _ => throw new ArgumentException($"unknown command '{args[0]}'"),
    };
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}
