using System.Net;

namespace QuiltMcp.Orleans.Api.Configuration;

/// <summary>Refuses settings that would make the server start in a broken state; each message names the setting.</summary>
public sealed class ServerOptionsValidator : IValidateOptions<ServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        var failures = new List<string>();
        if (!ServerTransportNames.TryParse(options.Transport, out _))
        {
            failures.Add($"Server:Transport (FASTMCP_TRANSPORT) '{options.Transport}' is not one of "
                + $"'{ServerTransportNames.StreamableHttp}', '{ServerTransportNames.Http}', '{ServerTransportNames.Stdio}'.");
        }

        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"Server:Port (FASTMCP_PORT) {options.Port} is outside 1-65535.");
        }

        if (string.IsNullOrWhiteSpace(options.Address)
            || (!IPAddress.TryParse(options.Address, out _)
                && Uri.CheckHostName(options.Address) != UriHostNameType.Dns))
        {
            failures.Add($"Server:Address (FASTMCP_ADDR) '{options.Address}' is not an IP address or host name.");
        }

        if (string.IsNullOrWhiteSpace(options.Name))
        {
            failures.Add("Server:Name (MCP_SERVER_NAME) must not be empty.");
        }

        if (!string.IsNullOrWhiteSpace(options.CatalogUrl)
            && (!Uri.TryCreate(options.CatalogUrl, UriKind.Absolute, out var catalog)
                || (catalog.Scheme != Uri.UriSchemeHttps && catalog.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add($"Server:CatalogUrl (QUILT_CATALOG_URL) '{options.CatalogUrl}' is not an absolute http(s) URL.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
