using System.Security.Claims;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.Identity.Tokens;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Api.Identity.Bearer;

/// <summary>
/// Everything derived from one validated token, built once and reused for every request that presents the same
/// token: the validation result, the ASP.NET Core identity and the principal grain. The raw token is never kept
/// here; each request's <see cref="Caller"/> carries its own.
/// </summary>
/// <remarks>
/// The token's claims are recorded with the grain once, by the first request that needs the grain
/// (<see cref="Caller.GetGrainAsync"/>), not at authentication: a principal that only ever calls tools needing nothing
/// from its grain costs no activation (memory, a directory entry) at all.
/// </remarks>
public sealed class AuthenticatedCaller : IClaimsRecorder
{
    private readonly ClaimsIdentity _identity;
    private readonly IPrincipalGrain _grain;
    private readonly PrincipalSnapshotCache _snapshots;
    private Task? _recording;

    public AuthenticatedCaller(ValidatedAccessToken token, ClaimsIdentity identity, IPrincipalGrain grain, PrincipalSnapshotCache snapshots)
    {
        Token = token;
        _identity = identity;
        _grain = grain;
        _snapshots = snapshots;
    }

    public ValidatedAccessToken Token { get; }

    public string PrincipalId => Token.PrincipalKey;

    /// <summary>
    /// The user of one request: the shared identity (read it, never change it: no claims transformation runs on it)
    /// carrying that request's caller, with the token it presented for calls made on the caller's behalf.
    /// </summary>
    public CallerPrincipal UserFor(string accessToken, RequestOrigin request) => new(
        new Caller
        {
            Environment = RuntimeEnvironments.WebJwt,
            PrincipalId = Token.PrincipalKey,
            Grain = _grain,
            ClaimsRecorder = this,
            Claims = Token.Principal,
            Credential = new CallerCredential(CallerCredential.JwtScheme, accessToken, Token.IssuerKind, Token.ExpiresAt, Token.Claims),
            Request = request,
        },
        _identity);

    /// <summary>
    /// One <c>IdentifyAsync</c> per token on this task, shared by concurrent requests; one that failed (a silo lost
    /// mid-call) is started again by the next request that needs the grain.
    /// </summary>
    public ValueTask RecordClaimsAsync(CancellationToken cancellationToken)
    {
        var recording = Volatile.Read(ref _recording);
        if (recording is null || recording.IsFaulted || recording.IsCanceled)
        {
            // Two requests racing here may both call the grain: IdentifyAsync is idempotent, and no lock is kept per token.
            var started = IdentifyAsync();
            recording = Interlocked.CompareExchange(ref _recording, started, recording) == recording ? started : _recording!;
        }

        return recording.IsCompletedSuccessfully ? ValueTask.CompletedTask : new ValueTask(recording.WaitAsync(cancellationToken));
    }

    private async Task IdentifyAsync()
    {
        await _grain.IdentifyAsync(Token.Principal);

        // A snapshot this task fetched before is older than the claims just recorded.
        _snapshots.Forget(Token.PrincipalKey);
    }
}
