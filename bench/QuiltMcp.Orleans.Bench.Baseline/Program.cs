using System.Runtime;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using ModelContextProtocol.AspNetCore;
using QuiltMcp.Orleans.Bench.Baseline;

// Reads the same port variable as quilt-mcp so the load generator starts both the same way.
var port = Environment.GetEnvironmentVariable("FASTMCP_PORT") ?? "8000";

// BASELINE_JWT=1 makes this the "SDK plus JwtBearer" peer: the same server with the bearer check a user of the SDK
// would add, validating what quilt-mcp validates for the bench's token (HS256 key, issuer, audience, lifetime).
var jwt = Environment.GetEnvironmentVariable("BASELINE_JWT") == "1";

var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddJsonConsole();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
var mcp = builder.Services.AddMcpServer()
    .WithHttpTransport(transport => transport.SessionMode = HttpServerSessionMode.StatefulForInitializeClients);
if (jwt)
{
    builder.Services.AddHttpContextAccessor();
    builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
    {
        // Claim names as the token writes them (sub, scope, buckets), not mapped to the WS-* URIs.
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = Required("BASELINE_JWT_ISSUER"),
            ValidAudience = Required("BASELINE_JWT_AUDIENCE"),
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(Required("BASELINE_JWT_SECRET"))),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            // quilt-mcp's default Auth:ClockSkew.
            ClockSkew = TimeSpan.FromSeconds(60),
        };
    });
    builder.Services.AddAuthorization();
    mcp.WithTools<BaselineCallerTools>();
}
else
{
    mcp.WithTools<BaselineTools>();
}

var app = builder.Build();

// The harness waits on /ready for both servers; here "ready" is simply "Kestrel is listening". The GC mode is in the
// answer so a run can confirm which one a variant got (the baseline-defaults variant sets DOTNET_gcServer).
app.MapGet("/ready", () => Results.Text(GCSettings.IsServerGC ? "ready (server GC)" : "ready (workstation GC)"));
var endpoint = app.MapMcp("/mcp");
if (jwt)
{
    endpoint.RequireAuthorization();
}

app.Run();

static string Required(string name) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException($"{name} must be set when BASELINE_JWT=1.");
