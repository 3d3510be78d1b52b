using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Api.Context;

/// <summary>Who a flow acts for: the principal's cluster-wide key, its grain, and the claims of this request.</summary>
/// <param name="PrincipalId">The grain key, derived from issuer and subject (see <see cref="PrincipalKeys"/>).</param>
/// <param name="Grain">The principal's grain; one activation per key in the whole cluster.</param>
/// <param name="Claims">The claims decoded for this request, or null for an anonymous caller.</param>
public sealed record PrincipalReference(string PrincipalId, IPrincipalGrain Grain, PrincipalClaims? Claims = null);
