using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.Api.Access;
using QuiltMcp.Orleans.Api.Quilt3;
using QuiltMcp.Orleans.Api.S3;

namespace QuiltMcp.Orleans.Api.Resources;

/// <summary>
/// Where resource failures become JSON-RPC errors (resources have no tool-error result): the message is exactly the
/// capability's own, which says what to change, and the code says what kind of failure it is. A URI or cursor that
/// cannot be used, a refused access and an object too large to return are invalid params (-32602); a well-formed URI
/// that names nothing is "resource not found", which the SDK spells -32002 for clients up to 2025-11-25 and -32602
/// from 2026-07-28 on (as the SDK's own unknown-URI answer does); S3 and credential
/// failures are internal errors (-32603) whose message says what happened. Logged once, at Information, like tool errors.
/// </summary>
public static partial class ResourceErrorFilter
{
    public const string LogCategory = "QuiltMcp.ResourceErrors";

    /// <summary>The first revision that reports a missing resource as invalid params.</summary>
    private const string StatelessRevision = "2026-07-28";

    public static void Add(IMcpRequestFilterBuilder filters)
    {
        filters.AddReadResourceFilter(next => async (request, cancellationToken) =>
        {
            try
            {
                return await next(request, cancellationToken);
            }
            catch (CallerFacingException failure)
            {
                throw Translate(request.Services!, request.Server.NegotiatedProtocolVersion, RequestMethods.ResourcesRead, failure);
            }
        });

        filters.AddListResourcesFilter(next => async (request, cancellationToken) =>
        {
            try
            {
                return await next(request, cancellationToken);
            }
            catch (CallerFacingException failure)
            {
                throw Translate(request.Services!, request.Server.NegotiatedProtocolVersion, RequestMethods.ResourcesList, failure);
            }
        });
    }

    public static McpErrorCode CodeFor(CallerFacingException failure, string? protocolVersion) => failure switch
    {
        InvalidResourceUriException or InvalidResourceCursorException or InvalidS3AddressException or PackageFormatException
            or AccessDeniedException or ResourceTooLargeException => McpErrorCode.InvalidParams,
        ResourceNotFoundException or PackageRegistryException => ReportsMissingAsInvalidParams(protocolVersion)
            ? McpErrorCode.InvalidParams
            : McpErrorCode.ResourceNotFound,
        _ => McpErrorCode.InternalError,
    };

    /// <summary>
    /// The SDK's rule for its own unknown-URI answer (its helper is internal): revisions from 2026-07-28 on report a
    /// missing resource as -32602. Revision names are dates, so they order as strings.
    /// </summary>
    public static bool ReportsMissingAsInvalidParams(string? protocolVersion) =>
        protocolVersion is not null && string.CompareOrdinal(protocolVersion, StatelessRevision) >= 0;

    private static McpProtocolException Translate(IServiceProvider services, string? protocolVersion, string method, CallerFacingException failure)
    {
        // A refused access is already logged as an auth decision.
        if (failure is not AccessDeniedException)
        {
            LogRefused(services.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory), method, failure.GetType().Name, failure.Message);
        }

        return new McpProtocolException(failure.Message, CodeFor(failure, protocolVersion));
    }

    [LoggerMessage(EventId = 1502, Level = LogLevel.Information, Message = "{Method} answered an error ({Kind}): {Reason}")]
    private static partial void LogRefused(ILogger logger, string method, string kind, string reason);
}
