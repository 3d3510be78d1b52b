using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.Api.Catalog;

namespace QuiltMcp.Orleans.Api.Aws;

/// <summary>
/// Turns the expected failures of tools that call AWS or the catalog (no credentials, STS refused, catalog error)
/// into tool error results carrying their clear, secret-free message. Without this the SDK would log every such
/// call as an unhandled exception with a stack trace, although the cause was already logged once where it happened.
/// </summary>
public static class ExpectedToolErrorFilter
{
    public static void Add(IMcpRequestFilterBuilder filters)
    {
        filters.AddCallToolFilter(next => async (request, cancellationToken) =>
        {
            try
            {
                return await next(request, cancellationToken);
            }
            catch (Exception failure) when (failure is AwsCredentialsUnavailableException or CatalogRequestException)
            {
                return new CallToolResult
                {
                    IsError = true,
                    Content = [new TextContentBlock { Text = failure.Message }],
                };
            }
        });
    }
}
