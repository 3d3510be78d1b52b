using System.Globalization;

namespace QuiltMcp.Orleans.Silo.Cli;

/// <summary>Parses the short lifetimes people type (<c>90s</c>, <c>30m</c>, <c>1h</c>, <c>2d</c>) or a TimeSpan.</summary>
public static class TokenLifetime
{
    public static bool TryParse(string text, out TimeSpan lifetime)
    {
        lifetime = default;
        text = text.Trim();
        if (text.Length >= 2 && char.IsLetter(text[^1])
            && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            lifetime = char.ToLowerInvariant(text[^1]) switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => TimeSpan.Zero,
            };
            return lifetime > TimeSpan.Zero;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out lifetime) && lifetime > TimeSpan.Zero;
    }
}
