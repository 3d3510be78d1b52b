namespace QuiltMcp.Orleans.Api.Access;

/// <summary>The outcome of an authorization check, with the reason logged and shown to a refused caller.</summary>
public sealed record AccessDecision(bool Allowed, string Reason)
{
    public static AccessDecision Allow(string reason) => new(true, reason);

    public static AccessDecision Deny(string reason) => new(false, reason);
}
