using ModelContextProtocol.Protocol;

namespace QuiltMcp.Orleans.Api.Tools;

/// <summary>
/// Former argument names still accepted after a rename, so clients written against them keep working: every argument
/// is snake_case now, and a call that uses a former name has it read as the current one (a call that sends both keeps
/// the current one). The tool's schema shows only the current name.
/// </summary>
public static class ArgumentAliases
{
    /// <summary>(tool, former name) → current name.</summary>
    private static readonly Dictionary<(string Tool, string Former), string> Renamed = new()
    {
        [(AuthTools.AuthStatusName, "includeCatalog")] = AuthTools.IncludeCatalogArgument,
    };

    public static void Add(IMcpRequestFilterBuilder filters) =>
        filters.AddCallToolFilter(next => (request, cancellationToken) =>
        {
            if (request.Params is { Arguments: { Count: > 0 } arguments } parameters)
            {
                parameters.Arguments = Rename(parameters.Name, arguments);
            }

            return next(request, cancellationToken);
        });

    internal static IDictionary<string, JsonElement> Rename(string tool, IDictionary<string, JsonElement> arguments)
    {
        Dictionary<string, JsonElement>? renamed = null;
        foreach (var (name, value) in arguments)
        {
            if (Renamed.TryGetValue((tool, name), out var current) && !arguments.ContainsKey(current))
            {
                renamed ??= new Dictionary<string, JsonElement>(arguments, StringComparer.Ordinal);
                renamed.Remove(name);
                renamed[current] = value;
            }
        }

        return renamed ?? arguments;
    }
}
