using System.Collections.Concurrent;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.Tests.Support;

namespace QuiltMcp.Orleans.Api.Tests.Identity;

public sealed class RuntimeContextTests
{
    [Fact]
    public void A_flow_without_a_pushed_caller_has_none_and_asking_for_one_says_why()
    {
        Assert.Null(RuntimeContext.Current);
        var error = Assert.Throws<InvalidOperationException>(() => McpCallerFilters.CurrentCaller(null!));
        Assert.Contains("No caller was established", error.Message);
    }

    [Fact]
    public void Push_makes_the_caller_current_and_dispose_restores_the_previous_one()
    {
        var anonymous = TestCallers.Anonymous();
        var alice = TestCallers.Web(["public:read"]);
        using (RuntimeContext.Push(anonymous))
        {
            Assert.Same(anonymous, RuntimeContext.Current);
            using (var inner = RuntimeContext.Push(alice))
            {
                Assert.Same(alice, RuntimeContext.Current);
                Assert.Same(alice, inner.Caller);
                Assert.Same(alice, McpCallerFilters.CurrentCaller(null!));
            }

            Assert.Same(anonymous, RuntimeContext.Current);
        }

        Assert.Null(RuntimeContext.Current);
    }

    [Fact]
    public void Disposing_a_scope_twice_does_not_clobber_a_later_push()
    {
        var outer = RuntimeContext.Push(TestCallers.Anonymous());
        outer.Dispose();
        var later = TestCallers.Desktop();
        using var scope = RuntimeContext.Push(later);
        outer.Dispose();
        Assert.Same(later, RuntimeContext.Current);
    }

    [Fact]
    public async Task The_caller_is_restored_after_an_exception()
    {
        var outer = TestCallers.Anonymous();
        using var scope = RuntimeContext.Push(outer);
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            using var inner = RuntimeContext.Push(TestCallers.Web(["public:read"]));
            await Task.Yield();
            throw new InvalidOperationException("tool failed");
        });

        Assert.Same(outer, RuntimeContext.Current);
    }

    [Fact]
    public async Task Thousands_of_interleaved_flows_never_observe_each_others_caller()
    {
        const int Flows = 4000;
        var violations = new ConcurrentBag<string>();

        async Task Flow(int id)
        {
            await Task.Yield();
            var caller = TestCallers.Web(["public:read"]) with { Request = new RequestOrigin("http", $"flow-{id}") };
            using var scope = RuntimeContext.Push(caller);
            for (var step = 0; step < 4; step++)
            {
                await Task.Yield();
                if (!ReferenceEquals(RuntimeContext.Current, caller))
                {
                    violations.Add($"flow {id} saw {RuntimeContext.Current?.Request.RequestId} at step {step}");
                }

                if (step == 2)
                {
                    // A nested push inside the flow must not leak out of it either.
                    using var nested = RuntimeContext.Push(TestCallers.Anonymous());
                    await Task.Yield();
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Flows).Select(id => Task.Run(() => Flow(id))));

        Assert.Empty(violations);
        Assert.Null(RuntimeContext.Current);
    }

    [Fact]
    public void Neither_a_caller_nor_its_credential_prints_the_token()
    {
        var caller = TestCallers.Web(new Grains.Principals.PrincipalClaims { Subject = "alice" }, accessToken: "eyJhbGciOi.secret.value");

        Assert.DoesNotContain("secret", caller.ToString());
        Assert.DoesNotContain("secret", caller.Credential!.ToString());
        Assert.Contains("<redacted>", caller.Credential.ToString());
        Assert.Equal("Caller { Environment = web-jwt, PrincipalId = " + caller.PrincipalId + ", Scheme = jwt, Role = <none> }", caller.ToString());
    }
}
