using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Access;
using QuiltMcp.Orleans.Api.Identity.Tokens;
using QuiltMcp.Orleans.Silo.Hosting;

namespace QuiltMcp.Orleans.Silo.Cli;

/// <summary>
/// <c>quilt-mcp token --sub alice --scope "quilt:read public:read" --buckets b1,b2 --ttl 1h [--kid K]</c>: prints
/// an HS256 token signed with a key this server is configured with (in Development, the built-in development
/// key), so a developer can call the server without a catalog.
/// </summary>
public static class TokenCommand
{
    private static readonly Option<string> Subject = new("--sub") { Description = "The token subject (user id).", Required = true };
    private static readonly Option<string> Scope = new("--scope") { Description = "Space-separated scopes.", DefaultValueFactory = _ => "" };
    private static readonly Option<string> Buckets = new("--buckets") { Description = "Comma-separated bucket names.", DefaultValueFactory = _ => "" };
    private static readonly Option<string> Permissions = new("--permissions") { Description = "Comma-separated S3 actions, e.g. s3:GetObject.", DefaultValueFactory = _ => "" };
    private static readonly Option<string> Roles = new("--roles") { Description = "Comma-separated role names or ARNs.", DefaultValueFactory = _ => "" };
    private static readonly Option<string> Ttl = new("--ttl") { Description = "Lifetime: 90s, 30m, 1h, 2d or hh:mm:ss.", DefaultValueFactory = _ => "1h" };
    private static readonly Option<string?> Kid = new("--kid") { Description = "The key id to sign with (default: the first configured key)." };

    public static Command Create()
    {
        var command = new Command("token", "Print a signed development token for this server's configured Quilt key.");
        foreach (var option in new Option[] { Subject, Scope, Buckets, Permissions, Roles, Ttl, Kid })
        {
            command.Add(option);
        }

        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async parse =>
        {
            if (!TokenLifetime.TryParse(parse.GetValue(Ttl)!, out var lifetime))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"quilt-mcp token: --ttl '{parse.GetValue(Ttl)}' is not a lifetime (e.g. 30m, 1h, 2d).");
                return ServerLauncher.ExitConfigurationError;
            }

            try
            {
                using var services = BuildServices(QuiltConfiguration.Build([.. parse.UnmatchedTokens], overrides: null));
                var issuer = services.GetRequiredService<DevelopmentTokenIssuer>();
                var scopes = Split(parse.GetValue(Scope), ' ');
                var token = issuer.Issue(new DevelopmentTokenRequest
                {
                    Subject = parse.GetValue(Subject)!,
                    Scopes = scopes,
                    Buckets = Split(parse.GetValue(Buckets), ','),
                    Permissions = Split(parse.GetValue(Permissions), ','),
                    Roles = Split(parse.GetValue(Roles), ','),
                    Lifetime = lifetime,
                    Kid = parse.GetValue(Kid),
                });
                await parse.InvocationConfiguration.Output.WriteLineAsync(token);
                if (UnusedScopes(services.GetRequiredService<ToolAccessPolicy>(), scopes) is { } warning)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync(warning);
                }

                return 0;
            }
            catch (Exception exception) when (exception is OptionsValidationException or InvalidOperationException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(
                    $"quilt-mcp token: {ConfigurationError.Describe(exception) ?? exception.Message}");
                return ServerLauncher.ExitConfigurationError;
            }
        });
        return command;
    }

    /// <summary>
    /// A typo in a scope (<c>quilt:reed</c>) yields a token no tool accepts; say so, naming the scopes tools do require
    /// with this configuration, but still issue it (a scope may be meant for another service).
    /// </summary>
    private static string? UnusedScopes(ToolAccessPolicy tools, string[] scopes)
    {
        var required = tools.SupportedScopes();
        var unused = scopes.Where(scope => !required.Contains(scope, StringComparer.Ordinal)).ToArray();
        return unused.Length == 0
            ? null
            : $"quilt-mcp token: warning: no tool requires {string.Join(", ", unused.Select(scope => $"'{scope}'"))}; "
                + $"the scopes tools require are: {string.Join(' ', required)}.";
    }

    /// <summary>The token issuer and the tool scopes, registered and validated as the server registers them.</summary>
    private static ServiceProvider BuildServices(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment
        {
            EnvironmentName = QuiltConfiguration.EnvironmentName,
            ApplicationName = "quilt-mcp",
            ContentRootPath = AppContext.BaseDirectory,
        });
        services.AddLogging();
        services.AddQuiltTokenValidation(configuration);
        services.AddQuiltAccess(configuration);
        var provider = services.BuildServiceProvider();

        // Reading the options runs the same start-up validation the server runs.
        _ = provider.GetRequiredService<IOptions<AuthOptions>>().Value;
        return provider;
    }

    private static string[] Split(string? value, char separator) =>
        (value ?? "").Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
