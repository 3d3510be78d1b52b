namespace QuiltMcp.Orleans.Deploy.Tests.Infrastructure;

/// <summary>Realistic inputs the CDK app is synthesized with; assertions compare the template to these.</summary>
public static class SampleInputs
{
    public const string Account = "123456789012";
    public const string JwtSecret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:quilt-mcp/jwt-AbCdEf";
    public const string JwtSecretReference = JwtSecret + ":MCP_ENHANCED_JWT_SECRET::";
    public const string JwtKidReference = JwtSecret + ":MCP_ENHANCED_JWT_KID::";
    public const string SigningSecret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:quilt-mcp/signing-QrStUv";
    public const string NextKeyIdReference = SigningSecret + ":Auth__Quilt__Keys__0__Kid::";
    public const string NextKeySecretReference = SigningSecret + ":Auth__Quilt__Keys__0__Secret::";
    /// <summary>A secret whose whole value is the cluster certificate (base64 PFX): the bare ARN is the reference.</summary>
    public const string ClusterCertificateSecret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:quilt-mcp/cluster-certificate-GhIjKl";
    public const string CertificateVariable = "Cluster__Tls__Certificate";
    public const string SecretsKey = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    public const string MultiRegionKey = "arn:aws:kms:us-west-2:123456789012:key/mrk-0123456789abcdef0123456789abcdef";
    public const string UserRoles = "arn:aws:iam::123456789012:role/QuiltUserRole-*";
    public const string ReaderRole = "arn:aws:iam::123456789012:role/QuiltReader";
    public const string AlbSecurityGroup = "sg-0123456789abcdef0";
    public const string EgressCidr = "10.0.0.0/8";
    public const string VpcCidr = "10.20.0.0/16";
    public const string HostHeader = "demo.quiltdata.com";
    public const string AppVersion = "1a2b3c4";
    public const string Image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/quilt-mcp:" + AppVersion;

    public static IReadOnlyDictionary<string, string> Context => new Dictionary<string, string>
    {
        ["vpcId"] = "vpc-0123456789abcdef0",
        ["vpcCidrBlock"] = VpcCidr,
        ["privateSubnetIds"] = "subnet-0123456789abcdef0,subnet-0fedcba9876543210",
        ["ecsClusterArn"] = "arn:aws:ecs:us-east-1:123456789012:cluster/sales-prod",
        ["albListenerArn"] = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/sales-prod/0123456789abcdef/0123456789abcdef",
        ["albSecurityGroupIds"] = AlbSecurityGroup,
        ["hostHeader"] = HostHeader,
        ["listenerRulePriority"] = "100",
        ["containerImage"] = Image,
        ["ecrRepositoryArn"] = "arn:aws:ecr:us-east-1:123456789012:repository/quilt-mcp",
        ["appVersion"] = AppVersion,
        ["catalogUrl"] = "https://demo.quiltdata.com",
        ["secretArns"] = JwtSecretReference + "," + JwtKidReference,
        ["clusterCertificateSecret"] = ClusterCertificateSecret,
        ["assumableRoleArns"] = UserRoles + "," + ReaderRole,
        ["egressCidrBlocks"] = EgressCidr,
    };

    /// <summary>The two JWT references, then the two of a second secret: four, the CloudFormation template's maximum.</summary>
    public static IReadOnlyList<string> FourSecretReferences => [JwtSecretReference, JwtKidReference, NextKeyIdReference, NextKeySecretReference];

    public static IReadOnlyList<string> KmsKeys => [SecretsKey, MultiRegionKey];

    /// <summary>The same autoscaling for every form: CPU at 60 %, 1000 requests per target, 2 to 8 tasks.</summary>
    public const int MinCapacity = 2;
    public const int MaxCapacity = 8;
    public const int CpuTargetPercent = 60;
    public const int RequestsPerTarget = 1000;

    /// <summary>CDK context with autoscaling (CPU and requests), customer-managed keys and four secrets.</summary>
    public static IReadOnlyDictionary<string, string> ContextWithOptions => new Dictionary<string, string>(Context)
    {
        ["autoscaling"] = $"{{\"minCapacity\":{MinCapacity},\"maxCapacity\":{MaxCapacity},\"cpuTargetPercent\":{CpuTargetPercent},\"requestsPerTarget\":{RequestsPerTarget}}}",
        ["kmsKeyArns"] = string.Join(',', KmsKeys),
        ["secretArns"] = string.Join(',', FourSecretReferences),
    };

    /// <summary>CDK context with autoscaling on CPU only (requestsPerTarget left out, so 0).</summary>
    public static IReadOnlyDictionary<string, string> ContextWithCpuAutoscaling => new Dictionary<string, string>(Context)
    {
        ["autoscaling"] = $"{{\"minCapacity\":{MinCapacity},\"maxCapacity\":{MaxCapacity},\"cpuTargetPercent\":{CpuTargetPercent}}}",
    };

    public const string AlarmTopic = "arn:aws:sns:us-east-1:123456789012:quilt-mcp-alarms";

    /// <summary>Alarm inputs that differ from every default: (CDK context key, CloudFormation parameter, value).</summary>
    public static IReadOnlyList<(string Context, string Parameter, string Value)> AlarmOptions =>
    [
        ("alarmSnsTopicArn", "AlarmSnsTopicArn", AlarmTopic),
        ("alarmTarget5xxCount", "AlarmTarget5xxCount", "25"),
        ("alarmTargetResponseTimeSeconds", "AlarmTargetResponseTimeSeconds", "2.5"),
        ("alarmCpuPercent", "AlarmCpuPercent", "70"),
        ("alarmMemoryPercent", "AlarmMemoryPercent", "90"),
        ("alarmRoleAssumptionFailures", "AlarmRoleAssumptionFailures", "0"),
    ];

    public const string WebAcl = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/quilt-mcp/0123abcd-0123-4567-89ab-0123456789ab";
    public const string RouteTables = "rtb-0123456789abcdef0,rtb-0fedcba9876543210";

    /// <summary>The optional network inputs, all on: (CDK context key, CloudFormation parameter, value).</summary>
    public static IReadOnlyList<(string Context, string Parameter, string Value)> NetworkOptions =>
    [
        ("wafWebAclArn", "WafWebAclArn", WebAcl),
        ("enableVpcEndpoints", "EnableVpcEndpoints", "true"),
        ("privateRouteTableIds", "PrivateRouteTableIds", RouteTables),
    ];

    /// <summary>CDK context with <see cref="AlarmOptions"/> and <see cref="NetworkOptions"/>.</summary>
    public static IReadOnlyDictionary<string, string> ContextWithMonitoringOptions
    {
        get
        {
            var context = new Dictionary<string, string>(Context);
            foreach (var (key, _, value) in AlarmOptions.Concat(NetworkOptions))
            {
                context[key] = value;
            }

            return context;
        }
    }

    /// <summary>CloudFormation parameters with <see cref="AlarmOptions"/>.</summary>
    public static IReadOnlyDictionary<string, string> MonitoringParameters => AlarmOptions.ToDictionary(o => o.Parameter, o => o.Value);

    /// <summary>CloudFormation parameters with <see cref="NetworkOptions"/>.</summary>
    public static IReadOnlyDictionary<string, string> NetworkParameters => NetworkOptions.ToDictionary(o => o.Parameter, o => o.Value);

    /// <summary>The CloudFormation parameters that mean the same as <see cref="Context"/>, plus overrides.</summary>
    public static IReadOnlyDictionary<string, string> CloudFormationParameters(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var context = Context;
        var parameters = new Dictionary<string, string>
        {
            ["AWS::Region"] = "us-east-1",
            ["AWS::AccountId"] = Account,
            ["VpcId"] = context["vpcId"],
            ["VpcCidrBlock"] = VpcCidr,
            ["PrivateSubnetIds"] = context["privateSubnetIds"],
            ["EcsClusterArn"] = context["ecsClusterArn"],
            ["AlbListenerArn"] = context["albListenerArn"],
            ["AlbSecurityGroupId"] = AlbSecurityGroup,
            ["HostHeader"] = context["hostHeader"],
            ["ListenerRulePriority"] = context["listenerRulePriority"],
            ["ContainerImage"] = Image,
            ["EcrRepositoryArn"] = context["ecrRepositoryArn"],
            ["AppVersion"] = AppVersion,
            ["CatalogUrl"] = context["catalogUrl"],
            ["SecretArns"] = context["secretArns"],
            ["SecretCount"] = "2",
            ["ClusterCertificateSecret"] = ClusterCertificateSecret,
            ["AssumableRoleArns"] = context["assumableRoleArns"],
            ["EgressCidrBlock"] = EgressCidr,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            parameters[key] = value;
        }

        return parameters;
    }
}
