using System.Text;
using ModelContextProtocol;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tools.Buckets;

/// <summary>
/// Validates every item of a put before anything is written, so bad input in item 7 never leaves items 1–6 in
/// the bucket: either all items are well-formed and each is attempted, or nothing is sent.
/// </summary>
public static class PutItemValidator
{
    public static IReadOnlyList<PreparedPut> Prepare(IReadOnlyList<PutItem>? items)
    {
        if (items is null || items.Count == 0)
        {
            throw new McpException("items is empty: give at least one {key, text | data} item.");
        }

        if (items.Count > S3Limits.MaxPutItems)
        {
            throw new McpException($"At most {S3Limits.MaxPutItems} items can be put in one call, not {items.Count}.");
        }

        var prepared = new List<PreparedPut>(items.Count);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < items.Count; index++)
        {
            var item = items[index] ?? throw new McpException($"Item {index} is null.");
            var where = $"item {index}";
            S3Names.EnsureValidKey(item.Key, $"key of items[{index}]");
            if (!keys.Add(item.Key!))
            {
                throw new McpException($"The key '{S3Names.Shorten(item.Key)}' appears more than once.");
            }

            prepared.Add(new PreparedPut(item.Key!, Body(item, where), ContentType(item, where), Metadata(item, where)));
        }

        return prepared;
    }

    private static byte[] Body(PutItem item, string where)
    {
        if ((item.Text is null) == (item.Data is null))
        {
            throw new McpException($"{Capitalize(where)} ('{S3Names.Shorten(item.Key)}') needs exactly one of text and data.");
        }

        byte[] body;
        if (item.Text is not null)
        {
            body = Encoding.UTF8.GetBytes(item.Text);
        }
        else
        {
            try
            {
                body = Convert.FromBase64String(item.Data!);
            }
            catch (FormatException)
            {
                throw new McpException($"The data of {where} ('{S3Names.Shorten(item.Key)}') is not valid base64.");
            }
        }

        return body.Length > S3Limits.MaxPutItemBytes
            ? throw new McpException($"{Capitalize(where)} ('{S3Names.Shorten(item.Key)}') is {body.Length} bytes; the limit is {S3Limits.MaxPutItemBytes}.")
            : body;
    }

    private static string ContentType(PutItem item, string where)
    {
        var contentType = item.ContentType ?? ContentTypeDefaults.For(item.Key!, isText: item.Text is not null);
        return contentType.Length is 0 or > 255 || contentType.Any(c => c < 0x20 || c > 0x7E)
            ? throw new McpException($"The content_type of {where} must be 1–255 printable ASCII characters.")
            : contentType;
    }

    private static Dictionary<string, string> Metadata(PutItem item, string where)
    {
        var metadata = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var total = 0;
        foreach (var (name, value) in item.Metadata ?? [])
        {
            // S3 sends user metadata as HTTP headers: names are tokens, values printable ASCII.
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                throw new McpException($"Metadata name '{S3Names.Shorten(name)}' of {where} must use letters, digits, '-', '_' or '.'.");
            }

            if (value is null || value.Any(c => c < 0x20 || c > 0x7E))
            {
                throw new McpException($"Metadata value of '{S3Names.Shorten(name)}' in {where} must be printable ASCII.");
            }

            if (!metadata.TryAdd(name, value))
            {
                throw new McpException($"Metadata name '{S3Names.Shorten(name)}' of {where} is given twice (names are case-insensitive).");
            }

            total += name.Length + value.Length;
        }

        return total > S3Limits.MaxUserMetadataBytes
            ? throw new McpException($"The metadata of {where} is {total} bytes; S3 allows {S3Limits.MaxUserMetadataBytes}.")
            : metadata;
    }

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
