using QuiltMcp.Orleans.Api.Identity.Tokens;

namespace QuiltMcp.Orleans.EndToEnd.Tests.Edge;

/// <summary>The server's real token validator, counting how often a token reached it.</summary>
public sealed class CountingTokenValidator(IAccessTokenValidator inner) : IAccessTokenValidator
{
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public Task<TokenValidationOutcome> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _calls);
        return inner.ValidateAsync(token, cancellationToken);
    }
}
