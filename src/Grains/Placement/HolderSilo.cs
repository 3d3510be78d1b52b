namespace QuiltMcp.Orleans.Grains.Placement;

/// <summary>
/// The text form of a silo's address used as a grain key by <see cref="KeyedSiloPlacementAttribute"/> grains and
/// stored as "who holds this session" by session grains: Orleans' own parsable form, so it round-trips exactly.
/// </summary>
public static class HolderSilo
{
    public static string KeyOf(SiloAddress silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return silo.ToParsableString();
    }

    /// <summary>The silo a key names, or null when the key is not a silo address.</summary>
    public static SiloAddress? TryParse(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        try
        {
            return SiloAddress.FromParsableString(key);
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            return null;
        }
    }
}
