using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using ModelContextProtocol;
using QuiltMcp.Orleans.Api.Quilt3;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Tools.Packages;

/// <summary>
/// Turns entry inputs into manifest entries: validates them all first (so bad input changes nothing), expands
/// prefixes, then reads each object once, streaming it through SHA-256, and records the version it read.
/// </summary>
public static class PackageEntryCollector
{
    /// <summary>
    /// Parses and checks the inputs without any S3 call: every URI, logical key and meta, the logical keys of single
    /// objects (given or taken from the file name), their uniqueness and file/folder clashes among them, and the entry
    /// count. Returns each input with its parsed S3 location. Only what prefixes expand to is checked later.
    /// </summary>
    public static IReadOnlyList<(PackageEntryInput Input, S3Uri Location)> Validate(IReadOnlyList<PackageEntryInput>? inputs, bool allowEmpty)
    {
        if ((inputs is null || inputs.Count == 0) && !allowEmpty)
        {
            throw new McpException("entries is empty: give at least one {s3_uri, logical_key} entry.");
        }

        if (inputs is not null && inputs.Count > S3Limits.MaxPackageEntries)
        {
            throw new McpException($"A package may have at most {S3Limits.MaxPackageEntries} entries; entries has {inputs.Count}.");
        }

        var parsed = new List<(PackageEntryInput, S3Uri)>();
        var objectKeys = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var index = 0; index < (inputs?.Count ?? 0); index++)
        {
            var input = inputs![index] ?? throw new McpException($"entries[{index}] is null.");
            var location = S3Uri.Parse(input.S3Uri, allowPrefix: true, argument: $"entries[{index}].s3_uri");
            if (input.LogicalKey is { } key && !(location.IsPrefix && key.Trim('/').Length == 0))
            {
                LogicalKey.EnsureValid(location.IsPrefix ? key.TrimEnd('/') : key, $"logical key in entries[{index}].logical_key");
            }

            if (!location.IsPrefix)
            {
                var objectKey = ObjectLogicalKey(input, location);
                LogicalKey.EnsureValid(objectKey, $"logical key of entries[{index}]");
                if (!objectKeys.TryAdd(objectKey, index))
                {
                    throw new McpException($"The logical key '{S3Names.Shorten(objectKey)}' would be given twice (entries[{objectKeys[objectKey]}] and entries[{index}]).");
                }
            }

            PythonJson.EnsureObjectOrAbsent(input.Meta, $"The meta of entries[{index}] ({location}) must be a JSON object.");
            parsed.Add((input, location));
        }

        LogicalKey.EnsureNoFileFolderClash(objectKeys.Keys);
        return parsed;
    }

    /// <summary>Expands prefixes into objects (listing them) and gives every object its logical key.</summary>
    /// <remarks>
    /// Keys found under a prefix come from the bucket, not from the caller, and anyone who may write there may have
    /// stored <c>a/../../x</c>: each is held to the key rule before it is read or written into a manifest.
    /// </remarks>
    public static async Task<IReadOnlyList<SourceObject>> ExpandAsync(
        IAmazonS3 client, IReadOnlyList<(PackageEntryInput Input, S3Uri Location)> inputs, CancellationToken cancellationToken)
    {
        var objects = new List<SourceObject>();
        for (var index = 0; index < inputs.Count; index++)
        {
            var (input, location) = inputs[index];
            var meta = EntryMeta(input.Meta);
            if (!location.IsPrefix)
            {
                objects.Add(new SourceObject(ObjectLogicalKey(input, location), location, meta));
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

                if (S3Names.KeyProblem(item.Key) is { } problem)
                {
                    throw new McpException($"The object key '{S3Names.Shorten(item.Key)}' found under {location} (entries[{index}]) {problem}. Nothing was written.");
                }

                var relative = item.Key[location.Key.Length..];
                var key = folder.Length == 0 ? relative : folder + "/" + relative;
                LogicalKey.EnsureValid(key, $"logical key made for s3://{location.Bucket}/{S3Names.Shorten(item.Key)} (entries[{index}])");
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

    /// <summary>A single object's logical key: the one given, or the object's file name.</summary>
    public static string ObjectLogicalKey(PackageEntryInput input, S3Uri location) =>
        input.LogicalKey ?? location.Key[(location.Key.LastIndexOf('/') + 1)..];

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
        var response = await S3Errors.RunAsync(location, () => client.GetObjectAsync(new GetObjectRequest
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
            await S3Errors.RunAsync(location, async () =>
            {
                int read;
                while ((read = await response.ResponseStream.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    sha.AppendData(buffer, 0, read);
                    size += read;
                }

                return size;
            });

            // Pin the entry to the version that was read, when the bucket is versioned: the GET that hashes the object
            // names it, so pinning costs no request of its own, and a write racing the hash cannot pin other bytes.
            var versionId = location.VersionId ?? S3VersionId.Reported(response.VersionId);
            return new ManifestEntry(
                source.LogicalKey,
                (location with { VersionId = versionId }).ToString(),
                size,
                new EntryHash(EntryHash.Sha256, Convert.ToHexStringLower(sha.GetHashAndReset())),
                source.Meta);
        }
    }
}
