using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.Sessions;
using QuiltMcp.Orleans.Api.Tests.Support;
using QuiltMcp.Orleans.Grains.Placement;
using QuiltMcp.Orleans.Grains.Principals;
using QuiltMcp.Orleans.Grains.Sessions;
using Xunit;

namespace QuiltMcp.Orleans.Api.Tests.Sessions;

public sealed class GrainSessionMigrationHandlerTests
{
    private const string SessionId = "AbCdEfGhIjKlMnOpQrSt_-";
    private static readonly string Alice = PrincipalKeys.ForToken("quilt-frontend", "alice");
    private static readonly SiloAddress ThisSilo = SiloAddress.New(IPAddress.Loopback, 11111, 7);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentDictionary<string, ScriptedSessionGrain> _sessions = new(StringComparer.Ordinal);
    private readonly FakeLogger<SessionStoreGuard> _storeLog = new();
    private readonly GrainSessionMigrationHandler _handler;

    public GrainSessionMigrationHandlerTests()
    {
        var grains = TestGrainFactory.Create().Register<IMcpSessionGrain>(key => _sessions.GetOrAdd(key, _ => new ScriptedSessionGrain()));
        var store = new SessionStoreGuard(Options.Create(new McpSessionOptions { StoreTimeout = TimeSpan.FromMilliseconds(300) }), _storeLog);
        _handler = new GrainSessionMigrationHandler(grains.Factory, new LocalSilo(ThisSilo), _time, store, NullLogger<GrainSessionMigrationHandler>.Instance);
    }

    [Fact]
    public async Task Initialize_records_the_owner_the_parameters_the_time_and_this_process()
    {
        SignIn(Alice);
        var parameters = new InitializeRequestParams
        {
            ProtocolVersion = "2025-11-25",
            ClientInfo = new Implementation { Name = "inspector", Version = "1.2" },
            Capabilities = new ClientCapabilities(),
        };

        await _handler.OnSessionInitializedAsync(Request(), SessionId, parameters, CancellationToken.None);

        var (record, holder) = Assert.Single(_sessions[SessionId].Recorded);
        Assert.Equal(Alice, record.OwnerPrincipalId);
        Assert.Equal(_time.GetUtcNow(), record.CreatedAt);
        Assert.Equal(HolderSilo.KeyOf(ThisSilo), holder);
        var stored = JsonSerializer.Deserialize<InitializeRequestParams>(record.InitializeParametersJson, McpJsonUtilities.DefaultOptions)!;
        Assert.Equal("2025-11-25", stored.ProtocolVersion);
        Assert.Equal("inspector", stored.ClientInfo.Name);
    }

    [Fact]
    public async Task An_anonymous_session_is_owned_by_the_anonymous_principal()
    {
        await _handler.OnSessionInitializedAsync(Request(), SessionId, new InitializeRequestParams
        {
            ProtocolVersion = "2025-11-25", ClientInfo = new Implementation { Name = "c", Version = "1" }, Capabilities = new(),
        }, CancellationToken.None);

        Assert.Equal(PrincipalKeys.Anonymous, Assert.Single(_sessions[SessionId].Recorded).Record.OwnerPrincipalId);
    }

    [Fact]
    public async Task The_owner_gets_the_stored_parameters_back_and_this_process_is_named_as_holder()
    {
        SignIn(Alice);
        _sessions[SessionId] = new ScriptedSessionGrain
        {
            ResumeAnswer = new SessionResume(SessionResumeStatus.Resumed, new McpSessionRecord
            {
                OwnerPrincipalId = Alice,
                InitializeParametersJson = """{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"claude","version":"9"}}""",
                CreatedAt = _time.GetUtcNow(),
            }),
        };

        var parameters = await _handler.AllowSessionMigrationAsync(Request(), SessionId, CancellationToken.None);

        Assert.Equal("2025-06-18", parameters!.ProtocolVersion);
        Assert.Equal("claude", parameters.ClientInfo.Name);
        Assert.Equal([$"resume {Alice} on {HolderSilo.KeyOf(ThisSilo)}"], _sessions[SessionId].Calls);
    }

    [Theory]
    [InlineData(SessionResumeStatus.Unknown)]
    [InlineData(SessionResumeStatus.Deleted)]
    [InlineData(SessionResumeStatus.OwnedByAnother)]
    public async Task Nothing_is_rebuilt_unless_the_grain_resumes_it(SessionResumeStatus status)
    {
        SignIn(Alice);
        _sessions[SessionId] = new ScriptedSessionGrain { ResumeAnswer = new SessionResume(status) };

        Assert.Null(await _handler.AllowSessionMigrationAsync(Request(), SessionId, CancellationToken.None));
    }

    [Fact]
    public async Task A_session_store_that_fails_refuses_the_initialize_as_retryable_and_logs_the_cause()
    {
        SignIn(Alice);
        _sessions[SessionId] = new ScriptedSessionGrain { Failure = new InvalidOperationException("DynamoDB: connection refused") };

        var refused = await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => _handler.OnSessionInitializedAsync(
            Request(), SessionId, new InitializeRequestParams { ProtocolVersion = "2025-11-25", ClientInfo = new Implementation { Name = "c", Version = "1" }, Capabilities = new() },
            CancellationToken.None).AsTask());

        Assert.Equal(SessionStoreOperation.Record, refused.Operation);
        Assert.Equal("Service unavailable: the session store did not answer, so no session was created. Initialize again in a few seconds.", refused.Message);
        var logged = Assert.Single(_storeLog.Collector.GetSnapshot());
        Assert.Equal((1430, LogLevel.Warning), (logged.Id.Id, logged.Level));
        Assert.Equal($"MCP session store unavailable: Record of session {SessionId} answered 503 (InvalidOperationException: DynamoDB: connection refused)", logged.Message);
        Assert.Null(logged.Exception);
    }

    [Fact]
    public async Task A_session_store_that_does_not_answer_is_given_up_after_the_store_timeout_never_taken_for_an_unknown_session()
    {
        SignIn(Alice);
        _sessions[SessionId] = new ScriptedSessionGrain { Hold = new TaskCompletionSource().Task };
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var refused = await Assert.ThrowsAsync<SessionStoreUnavailableException>(() => _handler.AllowSessionMigrationAsync(Request(), SessionId, CancellationToken.None).AsTask());

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));
        Assert.Equal(SessionStoreOperation.Resume, refused.Operation);
        Assert.Contains("It is not lost: retry in a few seconds.", refused.Message, StringComparison.Ordinal);
        Assert.Contains("(no answer within 0.3 s)", Assert.Single(_storeLog.Collector.GetSnapshot()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_gives_up_is_not_reported_as_a_store_outage()
    {
        SignIn(Alice);
        _sessions[SessionId] = new ScriptedSessionGrain { Hold = new TaskCompletionSource().Task };
        using var gone = new CancellationTokenSource();

        // The client leaves while the grain is still being asked; cancelled at once rather than after a delay, which on
        // a busy machine could outlast the store timeout and turn this into the outage case.
        var migration = _handler.AllowSessionMigrationAsync(Request(), SessionId, gone.Token).AsTask();
        await gone.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => migration);

        Assert.Empty(_storeLog.Collector.GetSnapshot());
    }

    private Caller? _caller;

    /// <summary>The requests carry a validated token of this principal (as authentication leaves them).</summary>
    private void SignIn(string principalId) => _caller = TestCallers.Web(new PrincipalClaims { Subject = "alice" }) with { PrincipalId = principalId };

    private DefaultHttpContext Request()
    {
        var context = new DefaultHttpContext();
        if (_caller is not null)
        {
            context.User = new CallerPrincipal(_caller, new System.Security.Claims.ClaimsIdentity("test"));
        }

        return context;
    }

    private sealed class LocalSilo(SiloAddress address) : ILocalSiloDetails
    {
        public string Name => "test-silo";

        public string ClusterId => "test";

        public string DnsHostName => "localhost";

        public SiloAddress SiloAddress => address;

        public SiloAddress GatewayAddress => address;
    }
}
