using Amazon.CDK;
using QuiltMcp.Orleans.Deploy.Cdk;

var app = new App();
var props = McpServerContext.Read(app.Node);
var stackName = app.Node.TryGetContext("stackName") as string ?? props.Name;
_ = new McpServerStack(app, stackName, props, new StackProps
{
    Description = "quilt-mcp on ECS Fargate behind an existing ALB listener (mirrors deploy/terraform/modules/mcp_server).",
    // The synthesized template must stay a plain CloudFormation template the tests can compare with the
    // Terraform module; the bootstrap version check would add a parameter and a rule of CDK's own.
    Synthesizer = new DefaultStackSynthesizer(new DefaultStackSynthesizerProps { GenerateBootstrapVersionRule = false }),
});
app.Synth();
