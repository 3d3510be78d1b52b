using System.Text.Json.Serialization;

namespace QuiltMcp.Orleans.Api.Health;

/// <summary>The body of <c>/health</c>.</summary>
public sealed record HealthStatus(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("server")] string Server,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("transport")] string Transport,
    [property: JsonPropertyName("silo")] string Silo);
