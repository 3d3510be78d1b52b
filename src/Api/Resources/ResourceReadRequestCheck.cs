using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using QuiltMcp.Orleans.Api.Access;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.S3;
using QuiltMcp.Orleans.Api.Telemetry;

namespace QuiltMcp.Orleans.Api.Resources;

/// <summary>
/// Everything a <c>resources/read</c> can be refused for before it is read, decided at the JSON-RPC message level: the
/// params (an object with a string <c>uri</c>), the URI in full (<see cref="ResourceAddress"/>), the scopes of the
/// equivalent tools (<see cref="ResourceToolEquivalents"/>) and the grants on the bucket the URI names (a package's
/// data bucket is only known from its manifest and is checked when the file is read). A refusal is JSON-RPC -32602
/// with the message a tool would give, before any credential, STS or S3 request. A message filter rather than a
/// request filter for two reasons: request filters run only after the SDK read the params, and the SDK logs every
/// exception out of a resource handler as an Error with its stack trace, where a refusal is an expected failure,
/// logged once at Information (an auth decision, or event 1502) by the part that refused it.
/// </summary>
public static partial class ResourceReadRequestCheck
{
    public static void Add(IMcpMessageFilterBuilder filters)
    {
        // Every message passes through: only a resources/read pays for an async state machine.
        filters.AddIncomingFilter(next => (context, cancellationToken) =>
            context.JsonRpcMessage is JsonRpcRequest { Method: RequestMethods.ResourcesRead } request
                ? CheckThenReadAsync(next, context, request, cancellationToken)
                : next(context, cancellationToken));
    }

    private static async Task CheckThenReadAsync(McpMessageHandler next, MessageContext context, JsonRpcRequest request, CancellationToken cancellationToken)
    {
        await RefuseUnlessReadableAsync(context, request);
        await next(context, cancellationToken);
    }

    private static async Task RefuseUnlessReadableAsync(MessageContext context, JsonRpcRequest request)
    {
        var services = context.Server.Services!;
        var loggers = services.GetRequiredService<ILoggerFactory>();
        var uri = UriOf(request.Params);
        ResourceAddress address;
        try
        {
            address = uri is null
                ? throw new InvalidResourceUriException("The params of resources/read must be an object with the resource's 'uri', a string. " + ResourceAddress.ServedForms)
                : ResourceAddress.Parse(uri);
        }
        catch (CallerFacingException refused)
        {
            LogRefused(loggers.CreateLogger(ResourceErrorFilter.LogCategory), request.Id.ToString(), refused.Message);
            throw new McpProtocolException(refused.Message, McpErrorCode.InvalidParams);
        }

        var caller = await services.GetRequiredService<IMcpCallerSource>().ForRequestAsync(context.User, request.Id);
        var decisions = loggers.CreateLogger(AuthDecisionLog.Category);
        var tools = services.GetRequiredService<ToolAccessPolicy>();
        foreach (var tool in ResourceToolEquivalents.For(address.Kind))
        {
            var decision = tools.Decide(tool, caller);
            AuthDecisionLog.ToolDecision(decisions, $"{ResourceReader.LogName} as {tool}", caller, decision);
            services.GetService<QuiltMcpMetrics>()?.RecordAuthDecision(QuiltMcpMetrics.ToolDecisionKind, decision.Allowed);
            if (!decision.Allowed)
            {
                throw new McpProtocolException(
                    $"Access denied: the resource '{S3Names.Shorten(uri)}' is read as {tool} reads it, and {decision.Reason}.", McpErrorCode.InvalidParams);
            }
        }

        // The read checks these again through S3Gateway, which logs the allowed decision; a denial is logged here, once.
        var buckets = services.GetRequiredService<BucketAccessPolicy>();
        foreach (var (bucket, action) in GrantsOf(address))
        {
            if (!buckets.Decide(bucket, action, caller).Allowed)
            {
                try
                {
                    buckets.EnsureAllowed(caller, ResourceReader.LogName, bucket, action);
                }
                catch (AccessDeniedException denied)
                {
                    throw new McpProtocolException(denied.Message, McpErrorCode.InvalidParams);
                }
            }
        }
    }

    /// <summary>The (bucket, S3 action) pairs known from the URI alone.</summary>
    private static IEnumerable<(string Bucket, string Action)> GrantsOf(ResourceAddress address) => address.Kind switch
    {
        ResourceKind.S3Object => [(address.Object!.Bucket, S3Actions.Read(address.Object))],
        ResourceKind.PackageSummary or ResourceKind.PackageEntry =>
            [(address.Package!.Bucket, S3Actions.GetObject), (address.Package.Bucket, S3Actions.ListBucket)],
        _ => [],
    };

    private static string? UriOf(JsonNode? parameters) =>
        parameters is JsonObject fields && fields.TryGetPropertyValue("uri", out var uri) && uri is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : null;

    [LoggerMessage(EventId = 1503, Level = LogLevel.Information, Message = "Refused resources/read request {RequestId}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string requestId, string reason);
}
