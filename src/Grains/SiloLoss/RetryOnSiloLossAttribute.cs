namespace QuiltMcp.Orleans.Grains.SiloLoss;

/// <summary>
/// Marks a grain interface method that may be sent again when it failed because the silo that was to run it was lost
/// (a rejection such as <c>SiloUnavailableException</c>): <see cref="SiloLossRetryFilter"/> sends it again, with back-off,
/// until the grain is placed on a live silo or <see cref="SiloLossRetryOptions.Deadline"/> passes.
/// </summary>
/// <remarks>
/// A call that failed this way may still have run on the lost silo before it went away, so only a method whose second
/// run changes nothing the first did not may carry this attribute: a read, or a write of the same value that finds it
/// already written. Each use says, beside it, why that holds for its method. Such a method must also keep rejections of
/// the grain calls it makes itself from escaping (catch them, or fail with another exception): the filter cannot tell
/// them from a rejection of the call it watches, and would send a call that did run again.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class RetryOnSiloLossAttribute : Attribute;
