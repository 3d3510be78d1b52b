namespace QuiltMcp.Orleans.Testing.Hostile;

/// <summary>One hostile token: how it is made (by jose or Node's crypto, never by our code) and the exact refusal.</summary>
/// <param name="Name">Stable, unique, shown as the test case name.</param>
/// <param name="ExpectedReason">The exact <c>error_description</c> the validator must give.</param>
/// <param name="Make">Builds the token for a validator whose clock reads the given instant.</param>
public sealed record HostileTokenCase(string Name, string ExpectedReason, Func<JoseTokenFixture, DateTimeOffset, Task<string>> Make)
{
    public override string ToString() => Name;
}
