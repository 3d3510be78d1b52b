using QuiltMcp.Orleans.Principals.Tests.Support;

namespace QuiltMcp.Orleans.Principals.Tests.Http;

/// <summary>One fake STS and one server for the HTTP tests; each test uses its own subjects and roles.</summary>
public sealed class HttpServerFixture : IAsyncLifetime
{
    public const string GrantedRoleName = "QuiltReader";
    public const string AllowListedRoleName = "QuiltSupport";

    public FakeSts Sts { get; private set; } = null!;

    public PrincipalServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sts = await FakeSts.StartAsync();
        Server = await PrincipalServer.StartAsync(Sts, new Dictionary<string, string?>
        {
            ["Roles:AccountId"] = FakeSts.AccountId,
            ["Roles:AllowedHeaderRoles:0"] = AllowListedRoleName,
            ["Aws:SessionTagClaims:email"] = "email",
        });
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        await Sts.DisposeAsync();
    }
}
