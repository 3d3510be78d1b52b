using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.Api.Access;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.S3;
using QuiltMcp.Orleans.Api.Telemetry;

namespace QuiltMcp.Orleans.Api.Resources;

/// <summary>
/// Applies the tools' scopes to resources (<see cref="ResourceToolEquivalents"/>): the template and resource lists show
/// only what the caller may read, and <c>resources/read</c> parses the URI in full and checks the scopes before the
/// resource's code runs, so a malformed URI or a missing scope costs no credential and no S3 request. Bucket grants
/// follow inside the read, as in the tools, before credentials are requested.
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

        ILogger? decisions = null;
        filters.AddReadResourceFilter(next => async (request, cancellationToken) =>
        {
            var uri = request.Params?.Uri;
            var kind = ResourceAddress.Parse(uri).Kind;
            var caller = request.Services!.GetRequiredService<Caller>();
            var policy = request.Services!.GetRequiredService<ToolAccessPolicy>();
            decisions ??= request.Services!.GetRequiredService<ILoggerFactory>().CreateLogger(AuthDecisionLog.Category);
            foreach (var tool in ResourceToolEquivalents.For(kind))
            {
                var decision = policy.Decide(tool, caller);
                AuthDecisionLog.ToolDecision(decisions, $"{ResourceReader.LogName} as {tool}", caller, decision);
                request.Services!.GetService<QuiltMcpMetrics>()?.RecordAuthDecision(QuiltMcpMetrics.ToolDecisionKind, decision.Allowed);
                if (!decision.Allowed)
                {
                    throw new AccessDeniedException($"Access denied: the resource '{S3Names.Shorten(uri)}' is read as {tool} reads it, and {decision.Reason}.");
                }
            }

            return await next(request, cancellationToken);
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
