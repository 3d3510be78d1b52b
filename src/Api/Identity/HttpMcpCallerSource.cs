using System.Security.Claims;
using ModelContextProtocol.Protocol;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Api.Identity;

/// <summary>
/// Over HTTP the SDK attaches the request's authenticated user to each message it delivers: that user carries the
/// caller authentication built (and role selection completed). A message without one comes from an anonymous
/// caller, which only a development server configured to allow anonymous callers lets through.
/// </summary>
public sealed class HttpMcpCallerSource(IGrainFactory grains) : IMcpCallerSource
{
    private readonly IPrincipalGrain _anonymous = grains.GetGrain<IPrincipalGrain>(PrincipalKeys.Anonymous);

    public ValueTask<Caller> ForRequestAsync(ClaimsPrincipal? user, RequestId requestId) =>
        ValueTask.FromResult(user is CallerPrincipal authenticated
            ? authenticated.Caller
            : new Caller
            {
                Environment = RuntimeEnvironments.WebUnauthenticated,
                PrincipalId = PrincipalKeys.Anonymous,
                Grain = _anonymous,
                Request = new RequestOrigin("http", requestId.ToString()),
            });
}
