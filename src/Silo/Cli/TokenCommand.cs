using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Access;
using QuiltMcp.Orleans.Api.Identity.Tokens;
using QuiltMcp.Orleans.Silo.Hosting;

namespace QuiltMcp.Orleans.Silo.Cli;

/// <summary>
/// <c>quilt-mcp token --sub alice --scope "quilt:read public:read" --buckets b1,b2 --permissions s3:GetObject --ttl 1h
/// [--kid K]</c>: prints an HS256 token signed with a key this server is configured with (in Development, the built-in
/// development key; <c>--environment Development</c> selects it as it does for <c>serve</c>), so a developer can call the
/// server without a catalog.
/// </summary>
public static class TokenCommand
{
    private static readonly Option<string> Subject = new("--sub") { Description = "The token subject (user id).", Required = true };
    private static readonly Option<string> Scope = new("--scope") { Description = "Space-separated scopes.", DefaultValueFactory = _ => "" };
    private static readonly Option<string> Buckets = new("--buckets")
    {
        Description = "Comma-separated bucket names (a trailing * grants a prefix). Bucket tools also need --permissions.",
        DefaultValueFactory = _ => "",
    };

    private static readonly Option<string> Permissions = new("--permissions")
    {
        Description = "Comma-separated S3 actions granted on --buckets, e.g. s3:GetObject,s3:ListBucket (read), s3:PutObject (write), s3:*.",
        DefaultValueFactory = _ => "",
    };

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
                string[] args = [.. parse.UnmatchedTokens];
                using var services = BuildServices(QuiltConfiguration.Build(args, overrides: null), QuiltConfiguration.EnvironmentName(args));
                var issuer = services.GetRequiredService<DevelopmentTokenIssuer>();
                var scopes = Split(parse.GetValue(Scope), ' ');
                var buckets = Split(parse.GetValue(Buckets), ',');
                var permissions = Split(parse.GetValue(Permissions), ',');
                var token = issuer.Issue(new DevelopmentTokenRequest
                {
                    Subject = parse.GetValue(Subject)!,
                    Scopes = scopes,
                    Buckets = buckets,
                    Permissions = permissions,
                    Roles = Split(parse.GetValue(Roles), ','),
                    Lifetime = lifetime,
                    Kid = parse.GetValue(Kid),
                });
                await parse.InvocationConfiguration.Output.WriteLineAsync(token);
                string?[] warnings =
                [
                    TokenWarnings.UnusedScopes(services.GetRequiredService<ToolAccessPolicy>(), scopes),
                    TokenWarnings.IncompleteBucketGrant(buckets, permissions),
                ];
                foreach (var warning in warnings.OfType<string>())
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

    /// <summary>The token issuer and the tool scopes, registered and validated as the server registers them.</summary>
    private static ServiceProvider BuildServices(IConfiguration configuration, string environmentName)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment
        {
            EnvironmentName = environmentName,
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
