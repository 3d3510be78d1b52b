using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Identity.Bearer;

namespace QuiltMcp.Orleans.Api.Http;

/// <summary>
/// Refuses to start a production server that listens beyond loopback without knowing its public host name: it
/// would have to either serve every Host (open to DNS rebinding) or refuse every client. Development allows the
/// loopback names instead, so a container tried on a laptop still answers <c>localhost</c>.
/// </summary>
/// <param name="isProduction">True outside Development, as for the auth rules.</param>
/// <param name="server">Where the server listens.</param>
/// <param name="resource">The public resource URL, whose host counts as configured.</param>
public sealed class AllowedHostsValidator(bool isProduction, IOptions<ServerOptions> server, IOptions<ProtectedResourceOptions> resource)
    : IValidateOptions<HttpOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpOptions options)
    {
        var address = server.Value.Address;
        if (!isProduction || HostAllowList.ListensOnLoopback(address) || HostAllowList.ConfiguredHosts(options, resource.Value).Any())
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            $"Http:AllowedHosts is empty while Server:Address (FASTMCP_ADDR) {address} is not a loopback address: set it to the "
            + "host name clients use (environment variable Http__AllowedHosts__0=mcp.example.com) or set Auth:ProtectedResource:Resource.");
    }
}
