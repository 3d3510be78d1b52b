using System.Security.Claims;
using ModelContextProtocol.Protocol;

namespace QuiltMcp.Orleans.Api.Identity;

/// <summary>
/// Who an MCP request acts for, from the message itself: the user the transport attached to it (HTTP) or the local
/// user (stdio). One implementation per transport; <see cref="McpCallerFilters"/> asks it once per request.
/// </summary>
public interface IMcpCallerSource
{
    /// <param name="user">The user the transport attached to the message; null when it attached none.</param>
    /// <param name="requestId">The JSON-RPC id of the request.</param>
    ValueTask<Caller> ForRequestAsync(ClaimsPrincipal? user, RequestId requestId);
}
