namespace QuiltMcp.Orleans.EndToEnd.Tests.Recipe;

/// <summary>
/// The README's local recipe: the fenced bash block between the <c>local-recipe</c> markers, exactly as a reader
/// copies it, and the commands in it (comment lines and blank lines are not commands; a line ending in <c>\</c>
/// continues the command).
/// </summary>
public sealed record ReadmeRecipe(string Script, IReadOnlyList<string> Commands)
{
    public const string BeginMarker = "<!-- local-recipe:begin";
    public const string EndMarker = "<!-- local-recipe:end -->";

    public static ReadmeRecipe Read(string readmePath)
    {
        var text = File.ReadAllText(readmePath).ReplaceLineEndings("\n");
        var begin = text.IndexOf(BeginMarker, StringComparison.Ordinal);
        var end = text.IndexOf(EndMarker, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            throw new InvalidOperationException($"{readmePath} has no recipe between '{BeginMarker}' and '{EndMarker}'.");
        }

        var section = text[begin..end];
        var fenceOpen = section.IndexOf("```bash\n", StringComparison.Ordinal);
        var fenceClose = section.LastIndexOf("```", StringComparison.Ordinal);
        if (fenceOpen < 0 || fenceClose <= fenceOpen)
        {
            throw new InvalidOperationException("The recipe markers must enclose one ```bash fenced block.");
        }

        var script = section[(fenceOpen + "```bash\n".Length)..fenceClose];
        return new ReadmeRecipe(script, CommandsOf(script));
    }

    private static List<string> CommandsOf(string script)
    {
        var commands = new List<string>();
        var current = "";
        foreach (var line in script.Split('\n'))
        {
            var trimmed = line.Trim();
            if (current.Length == 0 && (trimmed.Length == 0 || trimmed.StartsWith('#')))
            {
                continue;
            }

            current += trimmed.TrimEnd('\\').Trim() + " ";
            if (!trimmed.EndsWith('\\'))
            {
                commands.Add(current.Trim());
                current = "";
            }
        }

        return commands;
    }
}
