using System.Net;
using System.Text.Json;

namespace QuiltMcp.Orleans.Security.Tests.Target;

/// <summary>One hostile request and everything it caused: the answer, what it cost outside, what it logged.</summary>
public sealed record Attack(HttpStatusCode Status, string Body, string? MediaType, string? Challenge, SpendMeter Before, SpendMeter After, IReadOnlyList<string> Logged)
{
    /// <summary>The <c>error_description</c> of the 401 challenge.</summary>
    public string? ChallengeReason => Challenge is { } challenge && challenge.IndexOf("error_description=\"", StringComparison.Ordinal) is var at and >= 0
        ? challenge[(at + 19)..challenge.IndexOf('"', at + 19)]
        : null;

    public JsonElement Message => Wire.Message(Body, MediaType);

    /// <summary>The text of a tool result (the first content block).</summary>
    public string ToolText => Message.GetProperty("result").GetProperty("content")[0].GetProperty("text").GetString()!;

    public bool IsToolError => Message.GetProperty("result").TryGetProperty("isError", out var isError) && isError.GetBoolean();
}
