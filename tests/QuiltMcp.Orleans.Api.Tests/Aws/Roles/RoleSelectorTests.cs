using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Aws.Roles;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.Tests.Support;
using QuiltMcp.Orleans.Grains.Principals;

namespace QuiltMcp.Orleans.Api.Tests.Aws.Roles;

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

    private static Caller Authenticated(string[]? roles = null, string? roleArn = null) =>
        TestCallers.Web(new PrincipalClaims { Subject = "sam", Roles = roles ?? [], RoleArn = roleArn });

    [Fact]
    public void The_arn_claim_wins_over_roles()
    {
        var selection = Selector().Select(Authenticated(["Reader"], roleArn: Mapped), header: null);

        Assert.Equal((Mapped, RoleSources.ArnClaim), (selection.RoleArn, selection.Source));
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
        var anonymous = Selector().Select(null, Reader);
        var malformed = Selector().Select(Authenticated(["Reader"]), "not a role!");
        var unresolvable = Selector(account: null).Select(Authenticated(["Reader"]), "Reader");

        Assert.Equal(StatusCodes.Status401Unauthorized, anonymous.StatusCode);
        Assert.Equal(StatusCodes.Status400BadRequest, malformed.StatusCode);
        Assert.Equal(StatusCodes.Status403Forbidden, unresolvable.StatusCode);
        Assert.Contains("Roles:AccountId", unresolvable.Refusal);
    }

    [Fact]
    public void The_first_roles_claim_name_that_resolves_wins_and_names_that_are_not_role_names_never_resolve()
    {
        var selection = Selector().Select(Authenticated(["not a role!", "Reader", "Writer"]), null);
        var none = Selector().Select(Authenticated(["not a role!", ""]), null);

        Assert.Equal((Reader, RoleSources.RolesClaim, false), (selection.RoleArn, selection.Source, selection.Refused));
        Assert.Same(RoleSelection.None, none);
        Assert.Null(Selector().ResolveName("not a role!"));
    }

    [Fact]
    public void Role_names_resolve_in_the_configured_partition_and_an_explicit_mapping_needs_no_account()
    {
        var china = new RoleSelector(new Monitor(new RoleOptions { AccountId = Account, Partition = "aws-cn" }));

        Assert.Equal($"arn:aws-cn:iam::{Account}:role/Reader", china.ResolveName("Reader"));
        Assert.Equal(Mapped, Selector(account: null).ResolveName("Writer"));
        Assert.Null(Selector(account: "12345").ResolveName("Reader"));
    }

    [Fact]
    public void Without_a_header_an_anonymous_or_claimless_caller_has_no_role()
    {
        var claimless = Authenticated() with { Claims = null };

        Assert.Same(RoleSelection.None, Selector().Select(null, null));
        Assert.Same(RoleSelection.None, Selector().Select(TestCallers.Anonymous(), null));
        Assert.Same(RoleSelection.None, Selector().Select(claimless, null));
        Assert.Equal((null, RoleSources.None, false, 200), (RoleSelection.None.RoleArn, RoleSelection.None.Source, RoleSelection.None.Refused, RoleSelection.None.StatusCode));
    }

    [Fact]
    public void A_header_needs_both_a_token_and_its_claims()
    {
        var tokenOnly = Authenticated() with { Claims = null };
        var claimsOnly = Authenticated(["Reader"]) with { Credential = null };

        foreach (var context in new[] { null, TestCallers.Anonymous(), tokenOnly, claimsOnly })
        {
            var refused = Selector(Account, "Reader").Select(context, "Reader");
            Assert.Equal((null, RoleSources.Header, StatusCodes.Status401Unauthorized, "the X-Quilt-User-Role header requires an authenticated caller"),
                (refused.RoleArn, refused.Source, refused.StatusCode, refused.Refusal));
        }
    }

    [Fact]
    public void A_header_is_trimmed_and_its_role_comes_from_the_header()
    {
        var selection = Selector().Select(Authenticated(["Reader"]), "  Reader\t");

        Assert.Equal((Reader, RoleSources.Header, false, 200), (selection.RoleArn, selection.Source, selection.Refused, selection.StatusCode));
    }

    [Fact]
    public void A_header_arn_must_match_a_granted_arn_exactly()
    {
        var upper = Selector().Select(Authenticated(["Reader"]), $"arn:aws:iam::{Account}:role/READER");
        var other = Selector().Select(Authenticated(roleArn: Reader), Mapped);
        var claimed = Selector().Select(Authenticated(roleArn: Reader), Reader);

        Assert.Equal(StatusCodes.Status403Forbidden, upper.StatusCode);
        Assert.Equal($"role '{Mapped}' is not granted by the caller's token and not allow-listed (Roles:AllowedHeaderRoles)", other.Refusal);
        Assert.Equal((Reader, RoleSources.Header), (claimed.RoleArn, claimed.Source));
    }

    [Fact]
    public void The_allow_list_takes_arns_and_names_and_grants_nothing_else()
    {
        var byArn = Selector(Account, Mapped);
        var byName = Selector(Account, "Reader");

        Assert.Equal(Mapped, byArn.Select(Authenticated(), "Writer").RoleArn);
        Assert.Equal(Mapped, byArn.Select(Authenticated(), Mapped).RoleArn);
        Assert.Equal(Reader, byName.Select(Authenticated(), Reader).RoleArn);
        Assert.Equal(StatusCodes.Status403Forbidden, byName.Select(Authenticated(), "Writer").StatusCode);
        Assert.Equal(StatusCodes.Status403Forbidden, Selector(Account, "not a role!").Select(Authenticated(), "Reader").StatusCode);
    }

    [Fact]
    public void Header_refusals_carry_their_exact_reasons()
    {
        var malformed = Selector().Select(Authenticated(["Reader"]), "arn:aws:iam::1:role/Reader");
        var unresolvable = Selector(account: null).Select(Authenticated(["Reader"]), "Reader");

        Assert.Equal((null, RoleSources.Header, "the X-Quilt-User-Role header is neither an IAM role ARN nor a role name"),
            (malformed.RoleArn, malformed.Source, malformed.Refusal));
        Assert.Equal("role 'Reader' has no ARN mapping (Roles:RoleArns) and no account is configured (Roles:AccountId)", unresolvable.Refusal);
        Assert.True(unresolvable.Refused);
    }

    private sealed class Monitor(RoleOptions value) : IOptionsMonitor<RoleOptions>
    {
        public RoleOptions CurrentValue => value;

        public RoleOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<RoleOptions, string?> listener) => null;
    }
}
