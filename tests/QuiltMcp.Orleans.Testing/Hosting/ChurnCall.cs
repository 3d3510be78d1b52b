namespace QuiltMcp.Orleans.Testing.Hosting;

/// <summary>How one call of a <see cref="SessionChurn"/> ended: its number and label, whether it succeeded, and if not, how it failed.</summary>
public sealed record ChurnCall(int Number, string Label, bool Succeeded, string Outcome);
