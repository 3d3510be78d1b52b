using ModelContextProtocol.Protocol;

namespace QuiltMcp.Orleans.Api.Tools;

/// <summary>A tool error as the model reads it: <c>isError</c> and exactly one text block, the reason.</summary>
public static class ToolErrorResult
{
    public static CallToolResult Create(string reason) =>
        new() { IsError = true, Content = [new TextContentBlock { Text = reason }] };
}
