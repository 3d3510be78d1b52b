namespace QuiltMcp.Orleans.Silo.Clustering.DynamoDb;

/// <summary>DynamoDB's rule for table names, checked at start-up for every table the silo uses.</summary>
public static class DynamoDbTableNames
{
    /// <summary>The end of a failure message after the setting and its value.</summary>
    public const string Rule = "must be 3-255 characters of letters, digits, '_', '-' or '.'.";

    private const int MinLength = 3;
    private const int MaxLength = 255;

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name)
        && name.Length is >= MinLength and <= MaxLength
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
