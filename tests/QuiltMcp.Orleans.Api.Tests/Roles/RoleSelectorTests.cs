using System.Collections.Immutable;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Context;
using QuiltMcp.Orleans.Api.Roles;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Principals.Tests.Units;

public sealed class RoleSelectorTests
{
    private const string Account = "123456789012";
    private static readonly string Reader = $"arn:aws:iam::{Account}:role/Reader";
    private static readonly string Mapped = "arn:aws:iam::210987654321:role/team/Writer";

    private static RoleSelector Selector(string? account = Account, params string[] allowList) => new(new Monitor(new RoleOptions
    {
        AccountId = account,
        RoleArns = new Dictionary<string, string>(StringComparer.Ordinal) { ["Writer"] = Mapped },
        AllowedHeaderRoles = [.. allowList],
    }));

    private static RuntimeContextState Authenticated(string[]? roles = null, IDictionary<string, object?>? claims = null) => new(
        RuntimeEnvironments.WebJwt,
        new RuntimeAuthState("jwt", "token", (claims ?? new Dictionary<string, object?>()).ToImmutableDictionary(), ImmutableDictionary<string, string>.Empty),
        principal: new PrincipalReference("jwt|issuer|sam", null!, new PrincipalClaims { Subject = "sam", Roles = roles ?? [] }));

    [Fact]
    public void Arn_claim_wins_over_roles_and_both_spellings_are_read()
    {
        var snake = Selector().Select(Authenticated(["Reader"], new Dictionary<string, object?> { ["aws_role_arn"] = Mapped }), header: null);
        var camel = Selector().Select(Authenticated(claims: new Dictionary<string, object?> { ["awsRoleArn"] = Reader }), header: null);

        Assert.Equal((Mapped, RoleSources.ArnClaim), (snake.RoleArn, snake.Source));
        Assert.Equal(Reader, camel.RoleArn);
    }

    [Fact]
    public void A_malformed_arn_claim_is_ignored()
    {
        var selection = Selector(account: null).Select(Authenticated(claims: new Dictionary<string, object?> { ["aws_role_arn"] = "arn:aws:s3:::bucket" }), null);

        Assert.Null(selection.RoleArn);
        Assert.False(selection.Refused);
    }

    [Fact]
    public void Roles_claim_names_resolve_through_explicit_mappings_before_the_account()
    {
        Assert.Equal(Mapped, Selector().Select(Authenticated(["Writer", "Reader"]), null).RoleArn);
        Assert.Equal(Reader, Selector().Select(Authenticated(["Reader"]), null).RoleArn);
        Assert.Null(Selector(account: null).Select(Authenticated(["Reader"]), null).RoleArn);
    }

    [Fact]
    public void Header_is_honoured_only_for_granted_or_allow_listed_roles()
    {
        Assert.Equal(Reader, Selector().Select(Authenticated(["Reader"]), "Reader").RoleArn);
        Assert.Equal(Reader, Selector().Select(Authenticated(["Reader"]), Reader).RoleArn);
        Assert.Equal(Mapped, Selector().Select(Authenticated(["Writer"]), Mapped).RoleArn);
        Assert.Equal(Reader, Selector(Account, "Reader").Select(Authenticated(), "Reader").RoleArn);

        var notGranted = Selector().Select(Authenticated(["Reader"]), "Admin");
        Assert.Equal(StatusCodes.Status403Forbidden, notGranted.StatusCode);
        Assert.Contains("not granted", notGranted.Refusal);
        Assert.Null(notGranted.RoleArn);
    }

    [Fact]
    public void Header_refusals_say_why()
    {
        var anonymous = Selector().Select(new RuntimeContextState(RuntimeEnvironments.WebUnauthenticated), Reader);
        var malformed = Selector().Select(Authenticated(["Reader"]), "not a role!");
        var unresolvable = Selector(account: null).Select(Authenticated(["Reader"]), "Reader");

        Assert.Equal(StatusCodes.Status401Unauthorized, anonymous.StatusCode);
        Assert.Equal(StatusCodes.Status400BadRequest, malformed.StatusCode);
        Assert.Equal(StatusCodes.Status403Forbidden, unresolvable.StatusCode);
        Assert.Contains("Roles:AccountId", unresolvable.Refusal);
    }

    private sealed class Monitor(RoleOptions value) : IOptionsMonitor<RoleOptions>
    {
        public RoleOptions CurrentValue => value;

        public RoleOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<RoleOptions, string?> listener) => null;
    }
}
