namespace QuiltMcp.Orleans.Clustering.Tests.Storage;

/// <summary>A stand-in for a session grain's state: a few fields and a collection, serialized like real state.</summary>
[GenerateSerializer]
public sealed class SessionState
{
    [Id(0)] public string ClientName { get; set; } = "";

    [Id(1)] public int Requests { get; set; }

    [Id(2)] public List<string> Capabilities { get; set; } = [];
}
