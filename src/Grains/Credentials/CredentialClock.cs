namespace QuiltMcp.Orleans.Grains.Credentials;

/// <summary>
/// The clock credential caches judge expiry by. A type of its own so tests can move credential time forward
/// without handing a fake clock to Orleans itself, whose timeouts and membership must keep real time.
/// </summary>
public sealed class CredentialClock(TimeProvider time)
{
    public static CredentialClock System { get; } = new(TimeProvider.System);

    public DateTimeOffset UtcNow => time.GetUtcNow();
}
