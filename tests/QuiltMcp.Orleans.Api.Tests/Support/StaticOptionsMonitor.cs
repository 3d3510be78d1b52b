using Microsoft.Extensions.Options;

namespace QuiltMcp.Orleans.Api.Tests.Support;

/// <summary>Options that never change, for classes that take a monitor.</summary>
internal sealed class StaticOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
