using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Api.Identity;

/// <summary>
/// Who one request acts for, built once per request and never changed: by authentication over HTTP (then the role
/// selection adds <see cref="Role"/>), by <see cref="DesktopCaller"/> for stdio, or as the anonymous web caller.
/// Code that needs the caller takes it as an argument; tools receive it as a parameter from the request's services.
/// </summary>
public sealed record Caller
{
    /// <summary>One of <see cref="RuntimeEnvironments"/>: how the request reached us and how it authenticated.</summary>
    public required string Environment { get; init; }

    /// <summary>The principal grain key, from issuer and subject (<see cref="PrincipalKeys"/>).</summary>
    public required string PrincipalId { get; init; }

    /// <summary>
    /// The principal's grain; one activation per key in the whole cluster. Ask it through <see cref="GetGrainAsync"/>,
    /// which first makes sure it has recorded this caller's claims.
    /// </summary>
    public required IPrincipalGrain Grain { get; init; }

    /// <summary>
    /// Records the caller's claims with <see cref="Grain"/> if that has not happened yet for this token on this task,
    /// or null when there is nothing to record. Over HTTP a token's claims reach the grain on the first request that
    /// needs the grain, so requests that need nothing from it (most <c>auth_status</c> calls, catalog tools) never
    /// activate one.
    /// </summary>
    public IClaimsRecorder? ClaimsRecorder { get; init; }

    /// <summary>The decoded claims, or null for an anonymous caller.</summary>
    public PrincipalClaims? Claims { get; init; }

    /// <summary>How the caller proved who they are, or null when they did not.</summary>
    public CallerCredential? Credential { get; init; }

    /// <summary>The IAM role this request acts in and where it came from, or null when it has none.</summary>
    public SelectedRole? Role { get; init; }

    /// <summary>Facts about the request itself (transport, request id, the catalog's user id header).</summary>
    public required RequestOrigin Request { get; init; }

    /// <summary>The principal's grain, once it holds this caller's claims (see <see cref="ClaimsRecorder"/>).</summary>
    public async ValueTask<IPrincipalGrain> GetGrainAsync(CancellationToken cancellationToken)
    {
        if (ClaimsRecorder is { } recorder)
        {
            await recorder.RecordClaimsAsync(cancellationToken);
        }

        return Grain;
    }

    /// <summary>True for a caller with a validated token or the local desktop user.</summary>
    public bool IsAuthenticated => Credential is not null && Claims is not null;

    /// <summary>The desktop (stdio) user acts with their own local AWS identity; scopes and grants are web concepts.</summary>
    public bool IsDesktop => Environment == RuntimeEnvironments.DesktopStdio;

    /// <summary>The subject for logs and decisions; <c>anonymous</c> without claims.</summary>
    public string SubjectForLogs => Claims?.Subject ?? "anonymous";

    /// <summary>Never prints the access token: a caller may end up in a log line or an exception message.</summary>
    public override string ToString() =>
        $"Caller {{ Environment = {Environment}, PrincipalId = {PrincipalId}, Scheme = {Credential?.Scheme ?? "<none>"}, "
        + $"Role = {Role?.Arn ?? "<none>"} }}";
}
