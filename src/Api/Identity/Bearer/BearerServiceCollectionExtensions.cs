using Microsoft.AspNetCore.Authentication;
using QuiltMcp.Orleans.Api.Identity.Tokens;

namespace QuiltMcp.Orleans.Api.Identity.Bearer;

public static class BearerServiceCollectionExtensions
{
    /// <summary>
    /// HTTP authentication with bearer tokens: token validation, the validated-token cache, the handler and its
    /// challenges, the protected resource metadata, the MCP authorization policy, and the caller source that reads
    /// the caller authentication built from each MCP message.
    /// </summary>
    public static IServiceCollection AddQuiltBearerAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddQuiltTokenValidation(configuration);
        services.AddOptions<ProtectedResourceOptions>().Bind(configuration.GetSection(ProtectedResourceOptions.SectionName));
        services.AddSingleton<ValidatedTokenCache>();
        services.AddSingleton<ResourceMetadataLocator>();
        services.AddSingleton<AuthorizationServerList>();
        services.AddHostedService<AuthorizationServerNotice>();
        services.AddSingleton<ChallengeBuilder>();
        services.AddSingleton<IMcpCallerSource, HttpMcpCallerSource>();
        services.AddAuthentication(McpBearerDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, McpBearerAuthenticationHandler>(McpBearerDefaults.AuthenticationScheme, null);

        // The policy names no scheme on purpose: with one, the authorization middleware would authenticate again and
        // replace the request's user, dropping the role that role selection added to its caller. The bearer scheme is
        // the default, so UseAuthentication has already set the user and challenges still go to the bearer handler.
        services.AddAuthorization(authorization =>
        {
            authorization.AddPolicy(McpBearerDefaults.McpPolicy, policy => policy.RequireAuthenticatedUser());

            // Anonymous access is for callers that send no token. A bad or expired token still gets 401 with its reason,
            // or a client would silently carry on with less access instead of renewing it.
            authorization.AddPolicy(McpBearerDefaults.McpAnonymousAllowedPolicy, policy => policy.RequireAssertion(context =>
                context.User.Identity?.IsAuthenticated == true
                || (context.Resource is HttpContext http && string.IsNullOrEmpty(http.Request.Headers.Authorization))));
        });
        return services;
    }
}
