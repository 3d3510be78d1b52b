using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.Api.Access;
using QuiltMcp.Orleans.Api.Identity;

namespace QuiltMcp.Orleans.Api.Resources;

/// <summary>
/// Applies the tools' scopes to the resource lists (<see cref="ResourceToolEquivalents"/>): <c>resources/templates/list</c>
/// and <c>resources/list</c> show only what the caller may read, as <c>tools/list</c> shows only what it may call.
/// <c>resources/read</c> is refused earlier, at the message level (<see cref="ResourceReadRequestCheck"/>).
/// </summary>
public static class ResourceAuthorizationFilters
{
    public static void Add(IMcpRequestFilterBuilder filters)
    {
        filters.AddListResourceTemplatesFilter(next => async (request, cancellationToken) =>
        {
            var result = await next(request, cancellationToken);
            var caller = request.Services!.GetRequiredService<Caller>();
            var policy = request.Services!.GetRequiredService<ToolAccessPolicy>();
            result.ResourceTemplates = result.ResourceTemplates
                .Where(template => KindOfTemplate(template.Name) is { } kind && Decide(policy, kind, caller).Allowed)
                .ToList();
            result.CacheScope = CacheScope.Private;
            return result;
        });

        filters.AddListResourcesFilter(next => async (request, cancellationToken) =>
        {
            var result = await next(request, cancellationToken);
            var caller = request.Services!.GetRequiredService<Caller>();
            var policy = request.Services!.GetRequiredService<ToolAccessPolicy>();
            // The SDK appends its direct resources (auth://status) after the handler's page; the caller's own status
            // comes first, where a client showing the list puts what it reads first.
            result.Resources = result.Resources
                .Select(resource => (Resource: resource, Kind: ResourceAddress.Parse(resource.Uri).Kind))
                .Where(listed => Decide(policy, listed.Kind, caller).Allowed)
                .OrderBy(listed => listed.Kind == ResourceKind.AuthStatus ? 0 : 1)
                .Select(listed => listed.Resource)
                .ToList();
            return result;
        });
    }

    private static AccessDecision Decide(ToolAccessPolicy policy, ResourceKind kind, Caller caller) =>
        ResourceToolEquivalents.For(kind).Select(tool => policy.Decide(tool, caller)).FirstOrDefault(decision => !decision.Allowed)
        ?? AccessDecision.Allow("every equivalent tool allowed");

    private static ResourceKind? KindOfTemplate(string name) => name switch
    {
        QuiltResources.S3ObjectName => ResourceKind.S3Object,
        QuiltResources.PackageSummaryName => ResourceKind.PackageSummary,
        QuiltResources.PackageEntryName => ResourceKind.PackageEntry,
        QuiltResources.AuthStatusName => ResourceKind.AuthStatus,
        _ => null,
    };
}
