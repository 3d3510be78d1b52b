using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using ModelContextProtocol;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tools.Packages;

/// <summary>
/// Turns entry inputs into manifest entries: validates them all first (so bad input changes nothing), expands
/// prefixes, then reads each object once, streaming it through SHA-256, and records the version it read.
/// </summary>
public static class PackageEntryCollector
{
    /// <summary>Parses and checks the inputs without any S3 call; returns each input with its parsed S3 location.</summary>
    public static IReadOnlyList<(PackageEntryInput Input, S3Uri Location)> Validate(IReadOnlyList<PackageEntryInput>? inputs, bool allowEmpty)
    {
        if ((inputs is null || inputs.Count == 0) && !allowEmpty)
        {
            throw new McpException("entries is empty: give at least one {s3_uri, logical_key} entry.");
        }

        var parsed = new List<(PackageEntryInput, S3Uri)>();
        foreach (var input in inputs ?? [])
        {
            var location = S3Uri.Parse(input?.S3Uri, allowPrefix: true);
            if (input!.LogicalKey is { } key && !(location.IsPrefix && key.Trim('/').Length == 0))
            {
                LogicalKey.EnsureValid(location.IsPrefix ? key.TrimEnd('/') : key);
            }

            PythonJson.EnsureObjectOrAbsent(input.Meta, $"The meta of {location} must be a JSON object.");

            parsed.Add((input, location));
        }

        return parsed;
    }

    /// <summary>Expands prefixes into objects (listing them) and gives every object its logical key.</summary>
    public static async Task<IReadOnlyList<SourceObject>> ExpandAsync(
        IAmazonS3 client, IReadOnlyList<(PackageEntryInput Input, S3Uri Location)> inputs, CancellationToken cancellationToken)
    {
        var objects = new List<SourceObject>();
        foreach (var (input, location) in inputs)
        {
            var meta = EntryMeta(input.Meta);
            if (!location.IsPrefix)
            {
                var key = input.LogicalKey ?? location.Key[(location.Key.LastIndexOf('/') + 1)..];
                LogicalKey.EnsureValid(key);
                objects.Add(new SourceObject(key, location, meta));
                continue;
            }

            var folder = (input.LogicalKey ?? "").Trim('/');
            await foreach (var item in S3Listing.ObjectsAsync(client, location.Bucket, location.Key, cancellationToken))
            {
                // Keys ending in '/' are folder markers made by consoles, not data.
                if (item.Key.EndsWith('/'))
                {
                    continue;
                }

                var relative = item.Key[location.Key.Length..];
                var key = folder.Length == 0 ? relative : folder + "/" + relative;
                LogicalKey.EnsureValid(key);
                objects.Add(new SourceObject(key, new S3Uri(location.Bucket, item.Key), meta));
                if (objects.Count > S3Limits.MaxPackageEntries)
                {
                    throw new McpException($"A package may have at most {S3Limits.MaxPackageEntries} entries; {location} has more.");
                }
            }
        }

        if (objects.Count > S3Limits.MaxPackageEntries)
        {
            throw new McpException($"A package may have at most {S3Limits.MaxPackageEntries} entries, not {objects.Count}.");
        }

        var duplicate = objects.GroupBy(item => item.LogicalKey, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new McpException($"The logical key '{S3Names.Shorten(duplicate.Key)}' would be given twice.");
        }

        return objects;
    }

    /// <summary>Reads and hashes each object, a few at a time, reporting each one done.</summary>
    public static async Task<IReadOnlyList<ManifestEntry>> HashAsync(
        IAmazonS3 client, IReadOnlyList<SourceObject> objects, IProgress<ModelContextProtocol.ProgressNotificationValue> progress, CancellationToken cancellationToken)
    {
        var entries = new ManifestEntry[objects.Count];
        var done = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, objects.Count),
            new ParallelOptions { MaxDegreeOfParallelism = S3Limits.HashConcurrency, CancellationToken = cancellationToken },
            async (index, token) =>
            {
                entries[index] = await HashOneAsync(client, objects[index], token);
                var finished = Interlocked.Increment(ref done);
                progress.Report(new ModelContextProtocol.ProgressNotificationValue
                {
                    Progress = finished,
                    Total = objects.Count,
                    Message = $"hashed {objects[index].LogicalKey}",
                });
            });
        return entries;
    }

    /// <summary><c>{}</c> without metadata, <c>{"user_meta": …}</c> with it, as quilt3 stores entry metadata.</summary>
    private static JsonElement EntryMeta(JsonElement? meta)
    {
        if (meta is not { ValueKind: JsonValueKind.Object } user)
        {
            return ManifestCodec.EmptyObject;
        }

        var node = new JsonObject { ["user_meta"] = JsonNode.Parse(user.GetRawText()) };
        return JsonSerializer.SerializeToElement(node);
    }

    private static async Task<ManifestEntry> HashOneAsync(IAmazonS3 client, SourceObject source, CancellationToken cancellationToken)
    {
        var location = source.Location;
        var response = await S3Errors.RunAsync(location.ToString(), () => client.GetObjectAsync(new GetObjectRequest
        {
            BucketName = location.Bucket,
            Key = location.Key,
            VersionId = location.VersionId,
        }, cancellationToken));
        using (response)
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long size = 0;
            await S3Errors.RunAsync(location.ToString(), async () =>
            {
                int read;
                while ((read = await response.ResponseStream.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    size += read;
                }

                return size;
            });

            // Pin the entry to the version that was read, when the bucket is versioned.
            var versionId = location.VersionId ?? (string.IsNullOrEmpty(response.VersionId) || response.VersionId == "null" ? null : response.VersionId);
            return new ManifestEntry(
                source.LogicalKey,
                (location with { VersionId = versionId }).ToString(),
                size,
                new EntryHash(EntryHash.Sha256, Convert.ToHexStringLower(sha.GetHashAndReset())),
                source.Meta);
        }
    }
}
