using ModelContextProtocol.AspNetCore;
using QuiltMcp.Orleans.Bench.Baseline;

// Reads the same port variable as quilt-mcp so the load generator starts both the same way.
var port = Environment.GetEnvironmentVariable("FASTMCP_PORT") ?? "8000";

var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddJsonConsole();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.Services.AddMcpServer()
    .WithHttpTransport(transport => transport.SessionMode = HttpServerSessionMode.StatefulForInitializeClients)
    .WithTools<BaselineTools>();

var app = builder.Build();

// The harness waits on /ready for both servers; here "ready" is simply "Kestrel is listening".
app.MapGet("/ready", () => Results.Text("ready"));
app.MapMcp("/mcp");
app.Run();
