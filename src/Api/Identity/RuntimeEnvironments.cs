namespace QuiltMcp.Orleans.Api.Identity;

/// <summary>The names of the environments a request can run in; tools and logs use them verbatim.</summary>
public static class RuntimeEnvironments
{
    /// <summary>A desktop client speaking MCP over stdin/stdout; identity comes from the local AWS profile.</summary>
    public const string DesktopStdio = "desktop-stdio";

    /// <summary>An HTTP request that carries no validated credentials.</summary>
    public const string WebUnauthenticated = "web-unauthenticated";

    /// <summary>An HTTP request whose bearer JWT has been validated.</summary>
    public const string WebJwt = "web-jwt";
}
