using Orleans.Runtime;

namespace QuiltMcp.Orleans.Grains.Placement;

/// <summary>
/// Places a grain on the silo its string key names (<see cref="HolderSilo.KeyOf"/>), so another silo can reach
/// code that must run in that particular process, such as dropping an MCP session it holds in memory.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("quilt.keyed-silo-placement")]
public sealed class KeyedSiloPlacement : PlacementStrategy
{
}
