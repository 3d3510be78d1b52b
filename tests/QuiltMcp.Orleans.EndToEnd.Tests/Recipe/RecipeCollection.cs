namespace QuiltMcp.Orleans.EndToEnd.Tests.Recipe;

/// <summary>
/// The recipe installs, builds and starts servers; run alone, it does not compete with the other tests for two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RecipeCollection
{
    public const string Name = "readme recipe";
}
