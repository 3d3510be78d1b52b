using Orleans.Placement;

namespace QuiltMcp.Orleans.Grains.Placement;

/// <summary>Marks a grain class whose activation must live on the silo named by its key.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class KeyedSiloPlacementAttribute() : PlacementAttribute(new KeyedSiloPlacement());
