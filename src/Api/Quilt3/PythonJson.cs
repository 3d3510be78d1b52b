using System.Globalization;
using System.Text;

namespace QuiltMcp.Orleans.Api.Quilt3;

/// <summary>
/// Writes JSON exactly as Python's <c>json.dumps(value, sort_keys=True, separators=(',', ':'))</c> does, which is
/// what quilt3 hashes: keys sorted by code point, no whitespace, non-ASCII escaped as lowercase <c>\uXXXX</c>,
/// integers as written, other numbers as Python's shortest float repr (<c>1.0</c>, <c>1e-05</c>, <c>1e+16</c>).
/// </summary>
public static class PythonJson
{
    /// <summary>
    /// Accepts an absent value or a JSON object that Python would read back the same way (no duplicate keys or
    /// out-of-range numbers); anything else fails with <paramref name="notAnObject"/> or the round-trip error.
    /// </summary>
    public static void EnsureObjectOrAbsent(JsonElement? value, string notAnObject)
    {
        if (value is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new PackageFormatException(notAnObject);
        }

        _ = Serialize(element);
    }

    public static string Serialize(JsonElement value)
    {
        var builder = new StringBuilder();
        Write(builder, value);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(builder, value);
                break;
            case JsonValueKind.Array:
                builder.Append('[');
                var first = true;
                foreach (var item in value.EnumerateArray())
                {
                    builder.Append(first ? "" : ",");
                    first = false;
                    Write(builder, item);
                }

                builder.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(builder, value.GetString()!);
                break;
            case JsonValueKind.Number:
                builder.Append(FormatNumber(value.GetRawText()));
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            case JsonValueKind.Null:
                builder.Append("null");
                break;
            default:
                throw new PackageFormatException($"Unsupported JSON value kind {value.ValueKind}.");
        }
    }

    private static void WriteObject(StringBuilder builder, JsonElement value)
    {
        var properties = value.EnumerateObject().ToList();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in properties)
        {
            // Python keeps the last of duplicate keys; refusing them keeps every reader's view of the data the same.
            if (!names.Add(property.Name))
            {
                throw new PackageFormatException($"Metadata has the key '{property.Name}' twice.");
            }
        }

        properties.Sort((left, right) => CodePointComparer.Instance.Compare(left.Name, right.Name));
        builder.Append('{');
        for (var index = 0; index < properties.Count; index++)
        {
            builder.Append(index == 0 ? "" : ",");
            WriteString(builder, properties[index].Name);
            builder.Append(':');
            Write(builder, properties[index].Value);
        }

        builder.Append('}');
    }

    /// <summary>Python's <c>ensure_ascii</c> string form: only printable ASCII stays literal.</summary>
    internal static void WriteString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var character in text)
        {
            switch (character)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (character is >= ' ' and <= '~')
                    {
                        builder.Append(character);
                    }
                    else
                    {
                        // UTF-16 units, so characters beyond U+FFFF become surrogate pairs, as in Python.
                        builder.Append("\\u").Append(((int)character).ToString("x4", CultureInfo.InvariantCulture));
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    /// <summary>
    /// A JSON number token as Python re-serializes it: Python parses tokens without <c>.</c>, <c>e</c> or <c>E</c>
    /// as int (kept digit for digit) and the rest as float (printed with <c>repr</c>).
    /// </summary>
    internal static string FormatNumber(string token)
    {
        if (token.IndexOfAny(['.', 'e', 'E']) < 0)
        {
            return token is "-0" ? "0" : token;
        }

        var value = double.Parse(token, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value))
        {
            throw new PackageFormatException($"The number {token} is out of range for a double.");
        }

        return FloatRepr(value);
    }

    /// <summary>Python's <c>float.__repr__</c>: shortest round-trip digits, fixed notation for exponents −4…15.</summary>
    internal static string FloatRepr(double value)
    {
        var negative = value < 0 || (value == 0 && double.IsNegative(value));
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = shortest.IndexOfAny(['E', 'e']);
        var mantissa = exponentAt < 0 ? shortest : shortest[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(shortest[(exponentAt + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.');
        var digits = point < 0 ? mantissa : mantissa.Remove(point, 1);

        // decimalPoint: the value is 0.<digits> × 10^decimalPoint.
        var decimalPoint = (point < 0 ? mantissa.Length : point) + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        decimalPoint -= leadingZeros;
        var sign = negative ? "-" : "";
        if (digits.Length == 0)
        {
            return sign + "0.0";
        }

        if (decimalPoint > -4 && decimalPoint <= 16)
        {
            if (decimalPoint <= 0)
            {
                return sign + "0." + new string('0', -decimalPoint) + digits;
            }

            return decimalPoint >= digits.Length
                ? sign + digits + new string('0', decimalPoint - digits.Length) + ".0"
                : sign + digits[..decimalPoint] + "." + digits[decimalPoint..];
        }

        var shown = decimalPoint - 1;
        var head = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
        return sign + head + "e" + (shown < 0 ? "-" : "+") + Math.Abs(shown).ToString("00", CultureInfo.InvariantCulture);
    }
}
