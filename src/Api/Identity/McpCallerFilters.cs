using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace QuiltMcp.Orleans.Api.Identity;

/// <summary>
/// The outermost MCP request filters: establish the caller of each <c>tools/list</c>, <c>tools/call</c> and resource
/// request (<c>resources/list</c>, <c>resources/templates/list</c>, <c>resources/read</c>) from the
/// message (through the transport's <see cref="IMcpCallerSource"/>), push it as the flow's
/// <see cref="RuntimeContext"/> for the rest of the request, and restore the previous context when it ends.
/// </summary>
public static class McpCallerFilters
{
    public static void Add(IMcpRequestFilterBuilder filters)
    {
        filters.AddListToolsFilter(PushCaller<ListToolsRequestParams, ListToolsResult>());
        filters.AddCallToolFilter(PushCaller<CallToolRequestParams, CallToolResult>());
        filters.AddListResourceTemplatesFilter(PushCaller<ListResourceTemplatesRequestParams, ListResourceTemplatesResult>());
        filters.AddListResourcesFilter(PushCaller<ListResourcesRequestParams, ListResourcesResult>());
        filters.AddReadResourceFilter(PushCaller<ReadResourceRequestParams, ReadResourceResult>());
    }

    private static McpRequestFilter<TParams, TResult> PushCaller<TParams, TResult>()
        where TParams : RequestParams =>
        next => async (request, cancellationToken) =>
        {
            var caller = await Source(request).ForRequestAsync(request.User, request.JsonRpcRequest.Id);
            using var scope = RuntimeContext.Push(caller);
            return await next(request, cancellationToken);
        };

    /// <summary>
    /// The caller of the current request, for the request's services: the one place that reads the runtime context.
    /// Tools take <see cref="Caller"/> as a parameter and get this.
    /// </summary>
    public static Caller CurrentCaller(IServiceProvider services) =>
        RuntimeContext.Current ?? throw new InvalidOperationException(
            "No caller was established for this request; McpCallerFilters establishes one for tools and resources requests.");

    private static IMcpCallerSource Source(MessageContext request) => request.Services!.GetRequiredService<IMcpCallerSource>();
}
