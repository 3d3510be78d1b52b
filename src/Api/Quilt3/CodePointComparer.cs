using System.Text;

namespace QuiltMcp.Orleans.Api.Quilt3;

/// <summary>
/// Orders strings by Unicode code point, as Python compares <c>str</c>. Ordinal comparison of UTF-16 units differs
/// for characters beyond U+FFFF against U+E000–U+FFFF, and quilt3's key order (hence the top hash) follows Python.
/// </summary>
public sealed class CodePointComparer : IComparer<string>
{
    public static readonly CodePointComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var left = x.EnumerateRunes();
        var right = y.EnumerateRunes();
        while (true)
        {
            var hasLeft = left.MoveNext();
            var hasRight = right.MoveNext();
            if (!hasLeft || !hasRight)
            {
                // Rune enumeration reads lone surrogates as U+FFFD; ordinal order keeps distinct strings from tying.
                return hasLeft == hasRight ? string.CompareOrdinal(x, y) : hasLeft ? 1 : -1;
            }

            var difference = left.Current.Value.CompareTo(right.Current.Value);
            if (difference != 0)
            {
                return difference;
            }
        }
    }
}
