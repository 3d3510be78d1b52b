using System.Collections.Concurrent;
using System.Collections.Immutable;
using QuiltMcp.Orleans.Api.Context;

namespace QuiltMcp.Orleans.Api.Tests.Context;

public sealed class RuntimeContextTests
{
    [Fact]
    public void Default_context_is_desktop_without_auth()
    {
        Assert.False(RuntimeContext.HasContext);
        Assert.Equal(RuntimeEnvironments.Desktop, RuntimeContext.Current.Environment);
        Assert.Null(RuntimeContext.GetAuth());
        Assert.Empty(RuntimeContext.Current.Metadata);
    }

    [Fact]
    public void Push_makes_context_current_and_dispose_restores_the_previous_one()
    {
        using (RuntimeContext.Push(RuntimeEnvironments.WebUnauthenticated))
        {
            Assert.Equal(RuntimeEnvironments.WebUnauthenticated, RuntimeContext.Current.Environment);
            using (RuntimeContext.Push(RuntimeEnvironments.WebJwt, RuntimeAuthState.Create("jwt", "token")))
            {
                Assert.Equal(RuntimeEnvironments.WebJwt, RuntimeContext.Current.Environment);
                Assert.Equal("jwt", RuntimeContext.GetAuth()?.Scheme);
            }

            Assert.Equal(RuntimeEnvironments.WebUnauthenticated, RuntimeContext.Current.Environment);
            Assert.Null(RuntimeContext.GetAuth());
        }

        Assert.False(RuntimeContext.HasContext);
    }

    [Fact]
    public void Disposing_a_scope_twice_does_not_clobber_a_later_push()
    {
        var outer = RuntimeContext.Push("outer");
        outer.Dispose();
        using var later = RuntimeContext.Push("later");
        outer.Dispose();
        Assert.Equal("later", RuntimeContext.Current.Environment);
    }

    [Fact]
    public void Set_and_clear_auth_and_metadata_affect_only_the_pushed_context()
    {
        using var scope = RuntimeContext.Push(RuntimeEnvironments.WebUnauthenticated, metadata: new Dictionary<string, string> { ["a"] = "1" });
        RuntimeContext.SetAuth(RuntimeAuthState.Create("jwt", "secret-token"));
        RuntimeContext.SetEnvironment(RuntimeEnvironments.WebJwt);
        RuntimeContext.UpdateMetadata("b", "2");
        RuntimeContext.UpdateMetadata("a", null);

        Assert.Equal(RuntimeEnvironments.WebJwt, scope.State.Environment);
        Assert.Equal("jwt", RuntimeContext.GetAuth()!.Scheme);
        Assert.Equal(ImmutableDictionary<string, string>.Empty.Add("b", "2"), RuntimeContext.Current.Metadata, new MetadataComparer());

        RuntimeContext.ClearAuth();
        Assert.Null(RuntimeContext.GetAuth());
    }

    [Fact]
    public void Setters_refuse_to_run_without_a_pushed_context()
    {
        Assert.Throws<InvalidOperationException>(() => RuntimeContext.SetAuth(RuntimeAuthState.Create("jwt")));
        Assert.Throws<InvalidOperationException>(() => RuntimeContext.UpdateMetadata("k", "v"));
        Assert.Throws<InvalidOperationException>(() => RuntimeContext.SetEnvironment(RuntimeEnvironments.WebJwt));

        // Clearing nothing is harmless, so a failed validation path never throws while cleaning up.
        RuntimeContext.ClearAuth();
        Assert.Equal(RuntimeEnvironments.Desktop, RuntimeContext.Current.Environment);
    }

    [Fact]
    public async Task Auth_set_deep_inside_a_request_is_visible_to_the_rest_of_that_request()
    {
        using var scope = RuntimeContext.Push(RuntimeEnvironments.WebUnauthenticated);
        await Authenticate();
        Assert.Equal("jwt", RuntimeContext.GetAuth()?.Scheme);

        static async Task Authenticate()
        {
            await Task.Yield();
            RuntimeContext.SetAuth(RuntimeAuthState.Create("jwt", "t"));
        }
    }

    [Fact]
    public async Task Context_is_restored_after_an_exception()
    {
        using var outer = RuntimeContext.Push("outer");
        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            using var inner = RuntimeContext.Push("inner", RuntimeAuthState.Create("jwt", "t"));
            await Task.Delay(1);
            throw new InvalidOperationException("tool failed");
        });

        Assert.Equal("outer", RuntimeContext.Current.Environment);
        Assert.Null(RuntimeContext.GetAuth());
    }

    [Fact]
    public async Task Thousands_of_interleaved_flows_never_observe_each_others_context()
    {
        const int Flows = 4000;
        var violations = new ConcurrentBag<string>();

        async Task Flow(int id)
        {
            var random = new Random(id);
            await Task.Delay(random.Next(0, 3));
            var environment = id % 3 == 0 ? RuntimeEnvironments.DesktopStdio : id % 3 == 1 ? RuntimeEnvironments.WebJwt : RuntimeEnvironments.WebUnauthenticated;
            using var scope = RuntimeContext.Push(environment, metadata: new Dictionary<string, string> { ["flow"] = id.ToString() });
            for (var step = 0; step < 4; step++)
            {
                if (step == 1)
                {
                    RuntimeContext.SetAuth(RuntimeAuthState.Create("jwt", $"token-{id}"));
                }

                await Task.Delay(random.Next(0, 3));
                var current = RuntimeContext.Current;
                if (current.Metadata["flow"] != id.ToString()
                    || current.Environment != environment
                    || (step >= 1 && current.Auth?.AccessToken != $"token-{id}"))
                {
                    violations.Add($"flow {id} saw flow {current.Metadata.GetValueOrDefault("flow")} at step {step}");
                }

                if (step == 2)
                {
                    // A nested push inside the flow must not leak out of it either.
                    using var nested = RuntimeContext.Push("nested");
                    await Task.Yield();
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Flows).Select(id => Task.Run(() => Flow(id))));

        Assert.Empty(violations);
        Assert.False(RuntimeContext.HasContext);
    }

    [Fact]
    public void Auth_state_never_prints_its_token()
    {
        var text = RuntimeAuthState.Create("jwt", "eyJhbGciOi.secret.value").ToString();
        Assert.DoesNotContain("secret", text);
        Assert.Contains("<redacted>", text);
    }

    private sealed class MetadataComparer : IEqualityComparer<ImmutableDictionary<string, string>>
    {
        public bool Equals(ImmutableDictionary<string, string>? x, ImmutableDictionary<string, string>? y) =>
            x!.Count == y!.Count && x.All(pair => y.TryGetValue(pair.Key, out var value) && value == pair.Value);

        public int GetHashCode(ImmutableDictionary<string, string> obj) => obj.Count;
    }
}
