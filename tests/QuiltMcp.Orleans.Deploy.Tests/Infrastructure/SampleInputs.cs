namespace QuiltMcp.Orleans.Deploy.Tests.Infrastructure;

/// <summary>Realistic inputs the CDK app is synthesized with; assertions compare the template to these.</summary>
public static class SampleInputs
{
    public const string Account = "123456789012";
    public const string JwtSecret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:quilt-mcp/jwt-AbCdEf";
    public const string JwtSecretReference = JwtSecret + ":MCP_ENHANCED_JWT_SECRET::";
    public const string JwtKidReference = JwtSecret + ":MCP_ENHANCED_JWT_KID::";
    public const string UserRoles = "arn:aws:iam::123456789012:role/QuiltUserRole-*";
    public const string ReaderRole = "arn:aws:iam::123456789012:role/QuiltReader";
    public const string AlbSecurityGroup = "sg-0123456789abcdef0";
    public const string EgressCidr = "10.0.0.0/8";
    public const string AppVersion = "1a2b3c4";
    public const string Image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/quilt-mcp:" + AppVersion;

    public static IReadOnlyDictionary<string, string> Context => new Dictionary<string, string>
    {
        ["vpcId"] = "vpc-0123456789abcdef0",
        ["privateSubnetIds"] = "subnet-0123456789abcdef0,subnet-0fedcba9876543210",
        ["ecsClusterArn"] = "arn:aws:ecs:us-east-1:123456789012:cluster/sales-prod",
        ["albListenerArn"] = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/sales-prod/0123456789abcdef/0123456789abcdef",
        ["albSecurityGroupIds"] = AlbSecurityGroup,
        ["hostHeader"] = "demo.quiltdata.com",
        ["listenerRulePriority"] = "100",
        ["containerImage"] = Image,
        ["ecrRepositoryArn"] = "arn:aws:ecr:us-east-1:123456789012:repository/quilt-mcp",
        ["appVersion"] = AppVersion,
        ["catalogUrl"] = "https://demo.quiltdata.com",
        ["secretArns"] = JwtSecretReference + "," + JwtKidReference,
        ["assumableRoleArns"] = UserRoles + "," + ReaderRole,
        ["egressCidrBlocks"] = EgressCidr,
    };
}
