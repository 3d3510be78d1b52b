using System.Reflection;
using Orleans.Serialization.Invocation;

namespace QuiltMcp.Orleans.Grains.Tests.SiloLoss;

/// <summary>
/// The rest of an outgoing grain call's pipeline, as <c>SiloLossRetryFilter</c> sees it: each <see cref="Invoke"/> takes
/// the next scripted outcome (an answer, a failure carried in the response, or a failure thrown) and records when it ran.
/// </summary>
internal sealed class ScriptedCallContext(MethodInfo method, TimeProvider time) : IOutgoingGrainCallContext
{
    private readonly Queue<Func<Response>> _outcomes = new();
    private readonly List<DateTimeOffset> _attempts = [];

    /// <summary>When each attempt ran, on the test's clock.</summary>
    public IReadOnlyList<DateTimeOffset> Attempts => _attempts;

    public ScriptedCallContext Answers(string result)
    {
        _outcomes.Enqueue(() => Response.FromResult(result));
        return this;
    }

    public ScriptedCallContext Fails(Exception exception, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _outcomes.Enqueue(() => Response.FromException(exception));
        }

        return this;
    }

    public ScriptedCallContext Throws(Exception exception)
    {
        _outcomes.Enqueue(() => throw exception);
        return this;
    }

    public IInvokable Request => throw new NotSupportedException();

    public object Grain => throw new NotSupportedException();

    public GrainId? SourceId => null;

    public GrainId TargetId { get; } = GrainId.Create("test-grain", "key");

    public GrainInterfaceType InterfaceType => new(method.DeclaringType!.Name);

    public string InterfaceName => method.DeclaringType!.Name;

    public string MethodName => method.Name;

    public MethodInfo InterfaceMethod => method;

    public object? Result
    {
        get => Response!.Result;
        set => Response = Response.FromResult(value);
    }

    public Response? Response { get; set; }

    public IGrainContext? SourceContext => null;

    public Task Invoke()
    {
        _attempts.Add(time.GetUtcNow());
        Response = _outcomes.Count == 0
            ? throw new InvalidOperationException("The filter sent the call more often than the test scripted.")
            : _outcomes.Dequeue()();
        return Task.CompletedTask;
    }
}
