using Amazon.CDK;
using Amazon.CDK.AWS.EC2;
using Amazon.CDK.AWS.WAFv2;
using Constructs;

namespace QuiltMcp.Orleans.Deploy.Cdk;

/// <summary>
/// The optional network pieces, each only when its input is set: a WAF web ACL association on the listener's load
/// balancer, and VPC endpoints so that calls to STS, ECR, CloudWatch Logs, Secrets Manager, DynamoDB and S3 stay in
/// the VPC. The same resources under the same conditions as deploy/terraform/modules/mcp_server/network_options.tf.
/// </summary>
public sealed class McpServerNetworkOptions : Construct
{
    private static readonly (string Id, string Service)[] InterfaceEndpoints =
        [("StsEndpoint", "sts"), ("EcrApiEndpoint", "ecr.api"), ("EcrDkrEndpoint", "ecr.dkr"), ("LogsEndpoint", "logs"), ("SecretsManagerEndpoint", "secretsmanager")];

    private static readonly (string Id, string Service)[] GatewayEndpoints = [("DynamoDbEndpoint", "dynamodb"), ("S3Endpoint", "s3")];

    public McpServerNetworkOptions(Construct scope, string id, McpServerProps props, CfnSecurityGroup serviceSecurityGroup)
        : base(scope, id)
    {
        if (props.WafWebAclArn is { } webAcl)
        {
            // WAF protects the whole load balancer: one web ACL per ALB, shared by every listener and rule on it.
            _ = new CfnWebACLAssociation(this, "WebAclAssociation", new CfnWebACLAssociationProps
            {
                ResourceArn = LoadBalancerArn(props.AlbListenerArn),
                WebAclArn = webAcl,
            });
        }

        if (props.EnableVpcEndpoints)
        {
            AddEndpoints(props, serviceSecurityGroup);
        }
    }

    /// <summary>The load balancer's ARN, which the listener ARN (…:listener/app/&lt;lb&gt;/&lt;id&gt;/&lt;listener id&gt;) holds.</summary>
    private static string LoadBalancerArn(string listenerArn)
    {
        var fields = listenerArn.Split(':');
        var path = fields[5].Split('/');
        return string.Join(':', fields[..5]) + ":loadbalancer/" + string.Join('/', path[1..4]);
    }

    private void AddEndpoints(McpServerProps props, CfnSecurityGroup serviceSecurityGroup)
    {
        var region = Stack.Of(this).Region;
        var endpointSecurityGroup = new CfnSecurityGroup(this, "VpcEndpointSecurityGroup", new CfnSecurityGroupProps
        {
            GroupDescription = "quilt-mcp VPC endpoints: HTTPS from the tasks",
            VpcId = props.VpcId,
            SecurityGroupIngress = new object[]
            {
                new CfnSecurityGroup.IngressProperty
                {
                    Description = "HTTPS from quilt-mcp tasks",
                    IpProtocol = "tcp",
                    FromPort = 443,
                    ToPort = 443,
                    SourceSecurityGroupId = serviceSecurityGroup.AttrGroupId,
                },
            },
        });

        // Private DNS makes the regional service names resolve to the endpoints, so the SDK needs no endpoint settings.
        foreach (var (id, service) in InterfaceEndpoints)
        {
            _ = new CfnVPCEndpoint(this, id, new CfnVPCEndpointProps
            {
                VpcId = props.VpcId,
                ServiceName = $"com.amazonaws.{region}.{service}",
                VpcEndpointType = "Interface",
                PrivateDnsEnabled = true,
                SubnetIds = [.. props.PrivateSubnetIds],
                SecurityGroupIds = [endpointSecurityGroup.AttrGroupId],
            });
        }

        foreach (var (id, service) in GatewayEndpoints)
        {
            _ = new CfnVPCEndpoint(this, id, new CfnVPCEndpointProps
            {
                VpcId = props.VpcId,
                ServiceName = $"com.amazonaws.{region}.{service}",
                VpcEndpointType = "Gateway",
                RouteTableIds = [.. props.PrivateRouteTableIds],
            });
        }
    }
}
