using System.Reflection;

namespace QuiltMcp.Orleans.Api.Configuration;

/// <summary>The version stamped into the build (the git SHA in release images, via <c>-p:SourceRevisionId</c>).</summary>
public static class BuildInfo
{
    public static string Version { get; } =
        typeof(BuildInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(BuildInfo).Assembly.GetName().Version?.ToString()
        ?? "0.0.0";
}
