using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Orleans.Runtime;

namespace QuiltMcp.Orleans.Silo.Clustering.DynamoDb;

/// <summary>
/// A membership row as stored in the cluster item: compact JSON with short property names, because every row of a
/// cluster shares one 400 KB DynamoDB item. Heartbeat time is not here: it lives in the separate heartbeat map.
/// </summary>
internal sealed class MembershipRowDocument
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    };

    [JsonPropertyName("a")] public string SiloAddress { get; set; } = "";
    [JsonPropertyName("st")] public int Status { get; set; }
    [JsonPropertyName("sus")] public List<SuspectVote>? SuspectTimes { get; set; }
    [JsonPropertyName("px")] public int ProxyPort { get; set; }
    [JsonPropertyName("h")] public string? HostName { get; set; }
    [JsonPropertyName("n")] public string? SiloName { get; set; }
    [JsonPropertyName("r")] public string? RoleName { get; set; }
    [JsonPropertyName("uz")] public int UpdateZone { get; set; }
    [JsonPropertyName("fz")] public int FaultZone { get; set; }
    [JsonPropertyName("t0")] public string? StartTime { get; set; }

    /// <summary>The alive time the row was last inserted or updated with; heartbeats advance it only in the heartbeat map.</summary>
    [JsonPropertyName("t1")] public string? IAmAliveTime { get; set; }

    public static string Serialize(MembershipEntry entry) => JsonSerializer.Serialize(FromEntry(entry), JsonOptions);

    public static MembershipEntry Deserialize(string json)
    {
        var document = JsonSerializer.Deserialize<MembershipRowDocument>(json, JsonOptions)
            ?? throw new InvalidDataException("A membership row holds JSON null.");
        return document.ToEntry();
    }

    public static string FormatTime(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);

    public static DateTime ParseTime(string? text) =>
        string.IsNullOrEmpty(text)
            ? default
            : DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static MembershipRowDocument FromEntry(MembershipEntry entry) => new()
    {
        SiloAddress = entry.SiloAddress.ToParsableString(),
        Status = (int)entry.Status,
        SuspectTimes = entry.SuspectTimes?.Select(vote => new SuspectVote { Silo = vote.Item1.ToParsableString(), Time = FormatTime(vote.Item2) }).ToList(),
        ProxyPort = entry.ProxyPort,
        HostName = entry.HostName,
        SiloName = entry.SiloName,
        RoleName = entry.RoleName,
        UpdateZone = entry.UpdateZone,
        FaultZone = entry.FaultZone,
        StartTime = FormatTime(entry.StartTime),
        IAmAliveTime = FormatTime(entry.IAmAliveTime),
    };

    private MembershipEntry ToEntry() => new()
    {
        SiloAddress = global::Orleans.Runtime.SiloAddress.FromParsableString(SiloAddress),
        Status = (SiloStatus)Status,
        SuspectTimes = SuspectTimes?.Select(vote => Tuple.Create(global::Orleans.Runtime.SiloAddress.FromParsableString(vote.Silo), ParseTime(vote.Time))).ToList() ?? [],
        ProxyPort = ProxyPort,
        HostName = HostName ?? "",
        SiloName = SiloName ?? "",
        RoleName = RoleName,
        UpdateZone = UpdateZone,
        FaultZone = FaultZone,
        StartTime = ParseTime(StartTime),
        IAmAliveTime = ParseTime(IAmAliveTime),
    };

    internal sealed class SuspectVote
    {
        [JsonPropertyName("s")] public string Silo { get; set; } = "";
        [JsonPropertyName("t")] public string Time { get; set; } = "";
    }
}
