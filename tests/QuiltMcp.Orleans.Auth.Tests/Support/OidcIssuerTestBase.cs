using QuiltMcp.Orleans.Api.Identity.Tokens;

namespace QuiltMcp.Orleans.Auth.Tests.Support;

/// <summary>
/// A fresh OIDC issuer per test, served over HTTPS and publishing one RSA and one EC key, so each test sees its
/// own fetch counts and can rotate keys without disturbing another.
/// </summary>
public abstract class OidcIssuerTestBase : IAsyncLifetime
{
    protected const string ClientId = "app-client-1";

    protected TestSigningKey Rsa { get; } = TestSigningKey.Rsa("rsa-1");

    protected TestSigningKey Ec { get; } = TestSigningKey.EcP256("ec-1");

    protected OidcIssuerServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await OidcIssuerServer.StartAsync();
        Server.PublishKeys(Rsa.ToJwk(), Ec.ToJwk());
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Rsa.Dispose();
        Ec.Dispose();
    }

    /// <summary>The validator trusting this issuer for <see cref="ClientId"/>, accepting the given Cognito token uses.</summary>
    private protected ValidatorHost OidcHost(params string[] tokenUses) =>
        ValidatorHost.Create(ValidatorHost.OidcSettings(Server.Issuer, ClientId, tokenUses));

    /// <summary>A validator that has accepted one RSA token, so the issuer's keys are fetched (once) and cached.</summary>
    private protected async Task<ValidatorHost> OidcHostWithKeysCachedAsync()
    {
        var host = OidcHost();
        try
        {
            OutcomeAssert.Accepted(await host.Validator.ValidateAsync(Rsa.Sign(Payload(host))));
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>Claims of a token this issuer would mint for <paramref name="subject"/> now, by the host's clock.</summary>
    private protected Dictionary<string, object?> Payload(ValidatorHost host, string subject = "alice") =>
        TestJwt.Payload(Server.Issuer, ClientId, subject, host.Now);
}
