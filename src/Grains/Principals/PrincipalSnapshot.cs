namespace QuiltMcp.Orleans.Grains.Principals;

/// <summary>A principal grain's view of its principal, as returned to the front end.</summary>
/// <param name="PrincipalId">The grain key.</param>
/// <param name="Claims">The newest claims recorded, or null while none have been recorded.</param>
/// <param name="ActivatedAt">When this activation started (it restarts after idle collection or a silo loss).</param>
/// <param name="ClaimsUpdatedAt">When <paramref name="Claims"/> last changed, or null.</param>
/// <param name="SiloAddress">The silo hosting the activation, for operators tracing a request.</param>
[GenerateSerializer, Immutable, Alias("quilt.principal-snapshot.v1")]
public sealed record PrincipalSnapshot(
    [property: Id(0)] string PrincipalId,
    [property: Id(1)] PrincipalClaims? Claims,
    [property: Id(2)] DateTimeOffset ActivatedAt,
    [property: Id(3)] DateTimeOffset? ClaimsUpdatedAt,
    [property: Id(4)] string SiloAddress);
