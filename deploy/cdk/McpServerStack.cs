using Amazon.CDK;
using Constructs;

namespace QuiltMcp.Orleans.Deploy.Cdk;

/// <summary>A stack holding one <see cref="McpServer"/>; account and region come from the deploying credentials.</summary>
public sealed class McpServerStack : Stack
{
    public McpServerStack(Construct scope, string id, McpServerProps props, IStackProps? stackProps = null)
        : base(scope, id, stackProps)
    {
        _ = new McpServer(this, "McpServer", props);
    }
}
