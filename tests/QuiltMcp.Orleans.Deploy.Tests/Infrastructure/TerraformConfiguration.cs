using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace QuiltMcp.Orleans.Deploy.Tests.Infrastructure;

/// <summary>One Terraform directory parsed by hcl2json (npm), merged over its files.</summary>
public sealed partial class TerraformConfiguration
{
    private TerraformConfiguration(string directory, JsonObject files)
    {
        Directory = directory;
        Files = files;
        Text = string.Concat(System.IO.Directory.GetFiles(directory, "*.tf").Order().Select(File.ReadAllText));
    }

    public string Directory { get; }

    public JsonObject Files { get; }

    /// <summary>The raw text of every .tf file, for reference scans.</summary>
    public string Text { get; }

    public static string ModuleDirectory => Path.Combine(RepositoryPaths.Root, "deploy", "terraform", "modules", "mcp_server");

    public static string RootDirectory => Path.Combine(RepositoryPaths.Root, "deploy", "terraform");

    public static async Task<TerraformConfiguration> LoadAsync(string directory)
    {
        await NodeTooling.EnsureInstalledAsync();
        var script = Path.Combine(AppContext.BaseDirectory, "Infrastructure", "hcl2json.mjs");
        var result = await ProcessRunner.RunAsync("node", [script, RepositoryPaths.NodeDirectory, directory]);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"hcl2json failed for {directory}: {result.Combined}");
        }

        return new TerraformConfiguration(directory, JsonNode.Parse(result.Output)!.AsObject());
    }

    /// <summary>Blocks of one kind across files, e.g. "variable" → name → body.</summary>
    public IReadOnlyDictionary<string, JsonObject> Blocks(string kind)
    {
        var blocks = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (_, file) in Files)
        {
            if (file?[kind] is JsonObject byName)
            {
                foreach (var (name, body) in byName)
                {
                    var block = Json.AsArray(body)[0]!.AsObject();
                    if (blocks.TryGetValue(name, out var earlier))
                    {
                        // resource and data blocks are keyed by type first: one type may have blocks in several files.
                        var merged = (JsonObject)earlier.DeepClone();
                        foreach (var (key, value) in block)
                        {
                            merged[key] = value?.DeepClone();
                        }

                        block = merged;
                    }

                    blocks[name] = block;
                }
            }
        }

        return blocks;
    }

    public IReadOnlyDictionary<string, JsonObject> Variables => Blocks("variable");

    /// <summary>resource type → name → body.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, JsonObject>> Resources
    {
        get
        {
            var resources = new Dictionary<string, IReadOnlyDictionary<string, JsonObject>>(StringComparer.Ordinal);
            foreach (var (type, byName) in Blocks("resource"))
            {
                resources[type] = byName.ToDictionary(pair => pair.Key, pair => Json.AsArray(pair.Value)[0]!.AsObject());
            }

            return resources;
        }
    }

    public JsonObject Resource(string type, string name) => Resources[type][name];

    /// <summary>locals merged over every locals block.</summary>
    public JsonObject Locals
    {
        get
        {
            var locals = new JsonObject();
            foreach (var (_, file) in Files)
            {
                foreach (var block in Json.AsArray(file?["locals"]))
                {
                    foreach (var (key, value) in block!.AsObject())
                    {
                        locals[key] = value?.DeepClone();
                    }
                }
            }

            return locals;
        }
    }

    public JsonObject DataSource(string type, string name) => Json.AsArray(Blocks("data")[type][name])[0]!.AsObject();

    /// <summary>Every <c>var.NAME</c> referenced anywhere outside comments.</summary>
    public IReadOnlySet<string> VariableReferences()
    {
        var withoutComments = CommentPattern().Replace(Text, string.Empty);
        return VariableReferencePattern().Matches(withoutComments).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The first regex literal inside a variable's validation conditions, HCL escapes undone.</summary>
    public IReadOnlyList<Regex> ValidationRegexes(string variable)
    {
        var regexes = new List<Regex>();
        foreach (var validation in Json.AsArray(Variables[variable]["validation"]))
        {
            var condition = Json.Text(validation?["condition"]) ?? string.Empty;
            foreach (Match match in RegexCallPattern().Matches(condition))
            {
                regexes.Add(new Regex(match.Groups[1].Value.Replace(@"\\", @"\", StringComparison.Ordinal)));
            }
        }

        return regexes;
    }

    [GeneratedRegex(@"(?m)^\s*#.*$")]
    private static partial Regex CommentPattern();

    [GeneratedRegex(@"\bvar\.([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex VariableReferencePattern();

    [GeneratedRegex("regex\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex RegexCallPattern();
}
