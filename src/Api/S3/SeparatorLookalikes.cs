using System.Collections.Frozen;
using System.Text;

namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// The characters that Unicode NFKC normalization turns into (or into text holding) <c>.</c>, <c>/</c> or <c>\</c>,
/// such as U+FF0E FULLWIDTH FULL STOP or U+2025 TWO DOT LEADER, so that a dot-segment check sees what a normalizing
/// server would see. <see cref="string.Normalize(NormalizationForm)"/> cannot be used for this: the server runs with
/// invariant globalization (no ICU), where it returns non-ASCII text unchanged. Every other character normalizes to
/// text without dots or separators, so it cannot make or break a dot segment and is left as it is.
/// </summary>
/// <remarks>The table is compared with ICU's NFKC over every code point by the unit tests, so it cannot drift from Unicode.</remarks>
public static class SeparatorLookalikes
{
    /// <summary>Code point → its NFKC form, for every code point whose form contains '.', '/' or '\'.</summary>
    public static FrozenDictionary<int, string> Forms { get; } = new Dictionary<int, string>
    {
        [0x2024] = ".", // ONE DOT LEADER
        [0x2025] = "..", // TWO DOT LEADER
        [0x2026] = "...", // HORIZONTAL ELLIPSIS
        [0x2100] = "a/c", // ACCOUNT OF
        [0x2101] = "a/s", // ADDRESSED TO THE SUBJECT
        [0x2105] = "c/o", // CARE OF
        [0x2106] = "c/u", // CADA UNA
        [0x2488] = "1.", // DIGIT ONE FULL STOP … NUMBER TWENTY FULL STOP
        [0x2489] = "2.",
        [0x248A] = "3.",
        [0x248B] = "4.",
        [0x248C] = "5.",
        [0x248D] = "6.",
        [0x248E] = "7.",
        [0x248F] = "8.",
        [0x2490] = "9.",
        [0x2491] = "10.",
        [0x2492] = "11.",
        [0x2493] = "12.",
        [0x2494] = "13.",
        [0x2495] = "14.",
        [0x2496] = "15.",
        [0x2497] = "16.",
        [0x2498] = "17.",
        [0x2499] = "18.",
        [0x249A] = "19.",
        [0x249B] = "20.",
        [0x33C2] = "a.m.", // SQUARE AM
        [0x33C7] = "Co.", // SQUARE CO
        [0x33D8] = "p.m.", // SQUARE PM
        [0xFE19] = "...", // PRESENTATION FORM FOR VERTICAL HORIZONTAL ELLIPSIS
        [0xFE30] = "..", // PRESENTATION FORM FOR VERTICAL TWO DOT LEADER
        [0xFE52] = ".", // SMALL FULL STOP
        [0xFE68] = "\\", // SMALL REVERSE SOLIDUS
        [0xFF0E] = ".", // FULLWIDTH FULL STOP
        [0xFF0F] = "/", // FULLWIDTH SOLIDUS
        [0xFF3C] = "\\", // FULLWIDTH REVERSE SOLIDUS
        [0x1F100] = "0.", // DIGIT ZERO FULL STOP
    }.ToFrozenDictionary();

    /// <summary>The text with each look-alike replaced by its NFKC form; <paramref name="text"/> must be well-formed UTF-16.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            builder.Append(Forms.TryGetValue(rune.Value, out var form) ? form : rune.ToString());
        }

        return builder.ToString();
    }
}
