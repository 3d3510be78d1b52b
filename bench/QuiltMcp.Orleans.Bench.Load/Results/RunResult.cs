using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Bench.Load.Results;

/// <summary>One measured run, printed as one JSON line. Fields a scenario does not measure stay null and are omitted.</summary>
public sealed record RunResult
{
    private static readonly JsonSerializerOptions LineFormat = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Lines for a terminal and a .jsonl file, never HTML: "ours+otlp" stays readable instead of "ours\u002Botlp".
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public required string Scenario { get; init; }
    public required string Server { get; init; }
    public string? Mode { get; init; }
    public int? Processes { get; init; }
    public int? Sessions { get; init; }
    public int? Concurrency { get; init; }
    public int? Principals { get; init; }
    public double? DurationS { get; init; }
    public long? Requests { get; init; }
    public long? Errors { get; init; }
    public double? Rps { get; init; }
    public double? P50Ms { get; init; }
    public double? P90Ms { get; init; }
    public double? P99Ms { get; init; }
    public double? MaxMs { get; init; }
    public long? RssKb { get; init; }
    public long? IdleRssKb { get; init; }
    public long? SessionsOpened { get; init; }
    public double? BytesPerSession { get; init; }
    public string? SessionsAliveSampled { get; init; }

    /// <summary>principals-N: (RSS after the calls − RSS before) / principals that called.</summary>
    public double? BytesPerPrincipal { get; init; }

    /// <summary>principals-N with an idle watch: "seconds:MB" samples of RSS after the calls, every 5 s.</summary>
    public string? RssSeries { get; init; }

    /// <summary>The RSS under which memory counts as back near idle: before + 10 % of before + 10 % of the growth.</summary>
    public long? NearIdleKb { get; init; }

    /// <summary>Seconds after the calls until RSS first fell under <see cref="NearIdleKb"/>; absent if it never did within the watch.</summary>
    public double? NearIdleAfterS { get; init; }

    /// <summary>data-tool: the direct AWS SDK call's percentiles from the same process, and ours p50 minus the direct p50.</summary>
    public double? DirectP50Ms { get; init; }
    public double? DirectP90Ms { get; init; }
    public double? DirectP99Ms { get; init; }
    public double? AddedP50Ms { get; init; }
    public double? ReadyMs { get; init; }
    public double? WallReadyMs { get; init; }
    public string? FirstError { get; init; }

    /// <summary>The GC the server process ran, from its thread names ("server (2 heaps)" or "workstation").</summary>
    public string? Gc { get; init; }

    /// <summary>ours+otlp only: what the harness's OTLP receiver got from this run's process (export requests, spans, metrics, bytes).</summary>
    public long? OtlpTraceExports { get; init; }
    public long? OtlpSpans { get; init; }
    public long? OtlpMetricExports { get; init; }
    public long? OtlpMetrics { get; init; }
    public long? OtlpBytes { get; init; }
    public string? Note { get; init; }

    public string ToJsonLine() => JsonSerializer.Serialize(this, LineFormat);
}
