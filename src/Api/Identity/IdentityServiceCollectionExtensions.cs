using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelContextProtocol.Server;

namespace QuiltMcp.Orleans.Api.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>
    /// The caller of each MCP request as a service of the request, so tools take <see cref="Caller"/> as a parameter;
    /// <see cref="McpCallerFilters"/> establishes it. The transport adds its <see cref="IMcpCallerSource"/>.
    /// </summary>
    public static IServiceCollection AddQuiltCaller(this IServiceCollection services)
    {
        services.AddScoped(McpCallerFilters.CurrentCaller);
        services.TryAddSingleton<PrincipalSnapshotCache>();
        return services;
    }

    /// <summary>Every request of a stdio server acts for the local desktop user.</summary>
    public static IServiceCollection AddQuiltDesktopCaller(this IServiceCollection services)
    {
        services.AddSingleton<DesktopCaller>();
        services.AddSingleton<IMcpCallerSource>(provider => provider.GetRequiredService<DesktopCaller>());
        return services;
    }
}
