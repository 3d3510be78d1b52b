using QuiltMcp.Orleans.Bench.Load.Scenarios;

namespace QuiltMcp.Orleans.Bench.Load;

/// <summary>The load options shared by <c>compare</c> and <c>drive</c>.</summary>
public static class LoadArguments
{
    public static LoadSettings Settings(CommandLineOptions options, bool quick)
    {
        var defaults = new LoadSettings();
        return new LoadSettings
        {
            Sessions = options.Int("sessions", defaults.Sessions),
            Concurrency = options.Int("concurrency", defaults.Concurrency),
            Principals = options.Int("principals", defaults.Principals),
            Duration = options.Seconds("duration", quick ? TimeSpan.FromSeconds(5) : defaults.Duration),
            Warmup = options.Seconds("warmup", quick ? TimeSpan.FromSeconds(1) : defaults.Warmup),
            OpenWarmup = options.Seconds("open-warmup", quick ? TimeSpan.FromSeconds(1) : defaults.OpenWarmup),
            MaxRequests = options.Int("max-requests", (int)defaults.MaxRequests),
            Tool = options.Text("tool", defaults.Tool),
            ArgumentsJson = options.Text("arguments", defaults.ArgumentsJson),
            Stateless = options.Flag("stateless"),
            TokenSecret = options.Text("secret", defaults.TokenSecret),
        };
    }
}
