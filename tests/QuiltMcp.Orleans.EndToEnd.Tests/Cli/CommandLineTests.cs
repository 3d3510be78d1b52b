using QuiltMcp.Orleans.EndToEnd.Tests.Hosting;
using QuiltMcp.Orleans.Silo.Cli;
using QuiltMcp.Orleans.Silo.Hosting;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Cli;

public sealed class CommandLineTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    [Fact]
    public async Task Healthcheck_succeeds_against_a_live_server_by_url()
    {
        var exitCode = await QuiltMcpCommandLine.RunAsync(["healthcheck", "--url", new Uri(fixture.Server.BaseUri, "/healthz").ToString()]);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Healthcheck_finds_the_server_from_the_same_settings_as_serve()
    {
        var exitCode = await QuiltMcpCommandLine.RunAsync(["healthcheck", $"--Server:Port={fixture.Server.BaseUri.Port}"]);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Healthcheck_fails_when_nothing_answers()
    {
        var exitCode = await QuiltMcpCommandLine.RunAsync(["healthcheck", "--url", $"http://127.0.0.1:{FreePort.Next()}/healthz", "--timeout", "2"]);
        Assert.Equal(1, exitCode);
    }

    [Fact]
    public async Task Healthcheck_fails_on_an_error_status()
    {
        var exitCode = await QuiltMcpCommandLine.RunAsync(["healthcheck", "--url", new Uri(fixture.Server.BaseUri, "/no-such-path").ToString()]);
        Assert.Equal(1, exitCode);
    }

    [Theory]
    [InlineData("--port", "abc", "Server:Port")]
    [InlineData("--transport", "smoke-signals", "Server:Transport")]
    [InlineData("--address", "bad address!", "Server:Address")]
    public async Task Serve_refuses_bad_options_before_starting_anything(string option, string value, string setting)
    {
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            var exitCode = await QuiltMcpCommandLine.RunAsync(["serve", option, value]);
            Assert.Equal(ServerLauncher.ExitConfigurationError, exitCode);
        }
        finally
        {
            Console.SetError(previous);
        }

        Assert.Contains(setting, error.ToString());
    }

    [Fact]
    public async Task Serve_on_a_taken_silo_port_says_it_could_not_start_in_one_line()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var siloPort = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var error = new StringWriter();
        var previous = Console.Error;
        Console.SetError(error);
        try
        {
            var exitCode = await QuiltMcpCommandLine.RunAsync(["serve", "--port", FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"--Cluster:SiloPort={siloPort}", $"--Auth:Quilt:Secret={TestTokens.Secret}", "--Logging:LogLevel:Default=None"]);
            Assert.Equal(ServerLauncher.ExitStartupFailure, exitCode);
        }
        finally
        {
            Console.SetError(previous);
        }

        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("quilt-mcp: could not start: ", line, StringComparison.Ordinal);
        Assert.Contains("address already in use", line, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Binder_errors_name_the_legacy_variable_too()
    {
        var message = ConfigurationError.Describe(new InvalidOperationException(
            "Failed to convert configuration value 'abc' at 'Server:Port' to type 'System.Int32'."));
        Assert.Equal("Failed to convert configuration value 'abc' at 'Server:Port' to type 'System.Int32'. "
            + "(setting Server:Port, environment variable FASTMCP_PORT)", message);
        Assert.Null(ConfigurationError.Describe(new IOException("disk")));
    }

    [Fact]
    public void Listen_urls_bracket_ipv6_addresses()
    {
        Assert.Equal("http://[::1]:8000", HttpServerHost.ListenUrl(new() { Address = "::1", Port = 8000 }));
        Assert.Equal("http://0.0.0.0:9000", HttpServerHost.ListenUrl(new() { Address = "0.0.0.0", Port = 9000 }));
    }

    [Fact]
    public async Task Token_command_prints_a_token_the_server_accepts()
    {
        var output = new StringWriter();
        var exitCode = await QuiltMcpCommandLine.RunAsync(
            ["token", "--sub", "cli-user", "--scope", "public:read confidential:read", "--buckets", "b1,b2", "--ttl", "30m",
             $"--Auth:Quilt:Secret={TestTokens.Secret}"],
            output);

        Assert.Equal(0, exitCode);
        var token = output.ToString().Trim();
        await using var client = await Mcp.ConnectAsync(fixture.Server.McpUri, Mcp.SessionProtocol, TestTokens.BearerHeader(token));
        var status = await Mcp.CallJsonAsync(client, "auth_status");
        Assert.Equal("cli-user", status.GetProperty("subject").GetString());
        Assert.Equal(2, status.GetProperty("bucket_count").GetInt32());
        Assert.Equal(["public:read", "confidential:read"], status.GetProperty("scopes").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Token_command_warns_about_scopes_no_tool_requires_and_still_prints_the_token()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await QuiltMcpCommandLine.RunAsync(
            ["token", "--sub", "typo", "--scope", "quilt:reed public:read", $"--Auth:Quilt:Secret={TestTokens.Secret}"], output, error);

        Assert.Equal(0, exitCode);
        Assert.Equal(3, output.ToString().Trim().Split('.').Length);
        Assert.Equal("quilt-mcp token: warning: no tool requires 'quilt:reed'; the scopes tools require are: "
            + "confidential:read public:read quilt:admin quilt:read quilt:write.", error.ToString().Trim());
    }

    [Fact]
    public async Task Token_command_is_silent_when_every_scope_is_one_a_tool_requires()
    {
        var error = new StringWriter();
        var exitCode = await QuiltMcpCommandLine.RunAsync(
            ["token", "--sub", "fine", "--scope", "quilt:read", $"--Auth:Quilt:Secret={TestTokens.Secret}"], new StringWriter(), error);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error.ToString());
    }

    [Fact]
    public async Task Token_command_refuses_without_a_configured_key_in_production()
    {
        var error = new StringWriter();
        var exitCode = await QuiltMcpCommandLine.RunAsync(["token", "--sub", "someone"], error: error);

        Assert.Equal(ServerLauncher.ExitConfigurationError, exitCode);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("quilt-mcp token: Auth:Quilt:Secret (MCP_ENHANCED_JWT_SECRET) is missing", line, StringComparison.Ordinal);
        Assert.EndsWith("Only the Development environment has a built-in development key: to try the server locally, run it "
            + "(and quilt-mcp token) with --environment Development or DOTNET_ENVIRONMENT=Development.", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--environment", "Development")]
    [InlineData("--environment=Development", null)]
    public async Task Token_command_signs_with_the_development_key_when_told_the_environment_on_the_command_line(string option, string? value)
    {
        // A published binary has no launch settings; the same switch as for serve must select the development key.
        var output = new StringWriter();
        var error = new StringWriter();
        string[] arguments = value is null
            ? ["token", "--sub", "newcomer", "--scope", "quilt:read", option]
            : ["token", "--sub", "newcomer", "--scope", "quilt:read", option, value];

        var exitCode = await QuiltMcpCommandLine.RunAsync(arguments, output, error);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error.ToString());
        var parts = output.ToString().Trim().Split('.');
        using var hmac = new System.Security.Cryptography.HMACSHA256(
            System.Text.Encoding.UTF8.GetBytes(QuiltMcp.Orleans.Api.Identity.Tokens.QuiltTokenDefaults.DevelopmentSecret));
        var signature = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(
            hmac.ComputeHash(System.Text.Encoding.ASCII.GetBytes(parts[0] + "." + parts[1])));
        Assert.Equal(signature, parts[2]);
    }

    [Theory]
    [InlineData("--buckets", "demo", "quilt-mcp token: warning: --buckets without --permissions: bucket and package tools also check the S3 "
        + "action and will refuse every call; add e.g. --permissions s3:GetObject,s3:ListBucket to read (s3:PutObject to write, "
        + "s3:DeleteObject to delete packages, s3:* for all).")]
    [InlineData("--permissions", "s3:GetObject", "quilt-mcp token: warning: --permissions without --buckets: bucket and package tools "
        + "will refuse every bucket; add --buckets with the bucket names (a name ending in * grants every bucket it starts).")]
    public async Task Token_command_warns_when_bucket_tools_would_refuse_the_token_and_still_prints_it(string option, string value, string warning)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await QuiltMcpCommandLine.RunAsync(
            ["token", "--sub", "half-granted", "--scope", "quilt:read", option, value, $"--Auth:Quilt:Secret={TestTokens.Secret}"], output, error);

        Assert.Equal(0, exitCode);
        Assert.Equal(3, output.ToString().Trim().Split('.').Length);
        Assert.Equal(warning, error.ToString().Trim());
    }

    [Fact]
    public async Task Token_command_with_buckets_and_permissions_is_silent()
    {
        var error = new StringWriter();
        var exitCode = await QuiltMcpCommandLine.RunAsync(
            ["token", "--sub", "granted", "--scope", "quilt:read", "--buckets", "demo", "--permissions", "s3:GetObject,s3:ListBucket",
             $"--Auth:Quilt:Secret={TestTokens.Secret}"], new StringWriter(), error);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error.ToString());
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("1h", 3600)]
    [InlineData("2d", 172800)]
    [InlineData("00:10:00", 600)]
    public void Token_lifetimes_parse(string text, int seconds)
    {
        Assert.True(TokenLifetime.TryParse(text, out var lifetime));
        Assert.Equal(TimeSpan.FromSeconds(seconds), lifetime);
    }

    [Theory]
    [InlineData("forever")]
    [InlineData("-1h")]
    [InlineData("0m")]
    [InlineData("5y")]
    public void Bad_token_lifetimes_are_refused(string text) => Assert.False(TokenLifetime.TryParse(text, out _));

    [Fact]
    public async Task Token_command_refuses_a_bad_lifetime()
    {
        var error = new StringWriter();
        var exitCode = await QuiltMcpCommandLine.RunAsync(["token", "--sub", "x", "--ttl", "soon", $"--Auth:Quilt:Secret={TestTokens.Secret}"], error: error);
        Assert.Equal(ServerLauncher.ExitConfigurationError, exitCode);
        Assert.Contains("--ttl 'soon'", error.ToString());
    }
}
