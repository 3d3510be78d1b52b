namespace QuiltMcp.Orleans.Bench.Load.Hosting;

public static class ServerKindExtensions
{
    /// <summary>The quilt-mcp variants run the same build with the same settings; only the OTLP variables or the GC mode differ.</summary>
    public static bool IsQuiltMcp(this ServerKind kind) => kind is ServerKind.Ours or ServerKind.OursWithOtlp or ServerKind.OursServerGc;

    /// <summary>The <c>server</c> field of a run's JSON line and the <c>--servers</c> name.</summary>
    public static string Label(this ServerKind kind) => kind switch
    {
        ServerKind.Ours => "ours",
        ServerKind.OursWithOtlp => "ours+otlp",
        ServerKind.BaselineWithJwt => "sdk+jwt",
        ServerKind.BaselineDefaults => "baseline-defaults",
        ServerKind.OursServerGc => "ours+servergc",
        _ => "baseline",
    };

    /// <summary>Every <c>--servers</c> name, for parsing and for the error on an unknown one.</summary>
    public static readonly IReadOnlyList<ServerKind> All = Enum.GetValues<ServerKind>();
}
