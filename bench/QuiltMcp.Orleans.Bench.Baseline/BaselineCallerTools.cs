using System.ComponentModel;
using System.Security.Claims;
using ModelContextProtocol.Server;

namespace QuiltMcp.Orleans.Bench.Baseline;

/// <summary>
/// <c>auth_status</c> for the SDK+JwtBearer peer: what a user of the SDK alone would write, reading the caller from
/// the request's <see cref="ClaimsPrincipal"/> that JwtBearer validated (no cache, no grain, no policy).
/// </summary>
[McpServerToolType]
public sealed class BaselineCallerTools
{
    [McpServerTool(Name = "auth_status", ReadOnly = true, Idempotent = true, OpenWorld = false)]
    [Description("Shows how this request is authenticated, from the bearer token's claims.")]
    public static BaselineAuthStatus GetAuthStatus(IHttpContextAccessor accessor)
    {
        var user = accessor.HttpContext?.User;
        var subject = user?.FindFirst("sub")?.Value;
        var scope = user?.FindFirst("scope")?.Value ?? "";
        return new BaselineAuthStatus
        {
            Environment = "web-jwt",
            Authenticated = user?.Identity?.IsAuthenticated == true,
            Scheme = "Bearer",
            PrincipalId = subject,
            Subject = subject,
            Issuer = user?.FindFirst("iss")?.Value,
            Scopes = scope.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            BucketCount = user?.FindAll("buckets").Count() ?? 0,
            RoleArn = user?.FindFirst("aws_role_arn")?.Value,
        };
    }
}
