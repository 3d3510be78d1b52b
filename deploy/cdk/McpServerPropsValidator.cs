using System.Net;
using System.Text.RegularExpressions;

namespace QuiltMcp.Orleans.Deploy.Cdk;

/// <summary>
/// The Terraform module's validation rules, applied before anything is synthesized, so a bad input stops
/// <c>cdk synth</c> with a message naming it instead of failing later inside CloudFormation.
/// </summary>
public static partial class McpServerPropsValidator
{
    private static readonly int[] FargateCpu = [256, 512, 1024, 2048, 4096, 8192, 16384];

    private static readonly int[] LogRetentions =
        [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

    /// <summary>Every problem found, one line each; empty when the props are usable.</summary>
    public static IReadOnlyList<string> Validate(McpServerProps props)
    {
        var errors = new List<string>();
        void Check(bool ok, string message)
        {
            if (!ok)
            {
                errors.Add(message);
            }
        }

        Check(NamePattern().IsMatch(props.Name), "name must be 2-29 characters of lower-case letters, digits and hyphens, starting with a letter.");
        Check(VpcPattern().IsMatch(props.VpcId), "vpcId must look like vpc-0123456789abcdef0.");
        Check(IsIpv4Network(props.VpcCidrBlock), "vpcCidrBlock must be the VPC's IPv4 CIDR block, such as 10.0.0.0/16.");
        Check(props.PrivateSubnetIds.Count > 0 && props.PrivateSubnetIds.All(SubnetPattern().IsMatch), "privateSubnetIds must hold at least one subnet id.");
        Check(ClusterArnPattern().IsMatch(props.EcsClusterArn), "ecsClusterArn must be an ECS cluster ARN.");
        Check(ListenerArnPattern().IsMatch(props.AlbListenerArn), "albListenerArn must be an application load balancer listener ARN.");
        Check(props.AlbSecurityGroupIds.Count > 0 && props.AlbSecurityGroupIds.All(SecurityGroupPattern().IsMatch), "albSecurityGroupIds must hold at least one security group id.");
        Check(HostPattern().IsMatch(props.HostHeader), "hostHeader must be a lower-case DNS name.");
        Check(props.PathPatterns.Count is > 0 and <= 4 && props.PathPatterns.All(p => p.StartsWith('/')), "pathPatterns must hold 1-4 patterns, each starting with /.");
        Check(props.ListenerRulePriority is >= 1 and <= 50000, "listenerRulePriority must be from 1 to 50000.");
        Check(ImagePattern().IsMatch(props.ContainerImage) && !props.ContainerImage.EndsWith(":latest", StringComparison.Ordinal),
            "containerImage must be <registry>/<repository> with an explicit tag (not latest) or an @sha256 digest.");
        Check(props.EcrRepositoryArn is null || EcrArnPattern().IsMatch(props.EcrRepositoryArn), "ecrRepositoryArn must be an ECR repository ARN.");
        Check(ShaPattern().IsMatch(props.AppVersion), "appVersion must be a git SHA (7-40 lower-case hex digits).");
        Check(Uri.TryCreate(props.CatalogUrl, UriKind.Absolute, out var catalog) && catalog.Scheme is "http" or "https", "catalogUrl must be an http(s) URL.");
        Check(FargateCpu.Contains(props.Cpu), "cpu must be a Fargate size: 256, 512, 1024, 2048, 4096, 8192 or 16384.");
        Check(props.Memory is >= 512 and <= 122880 && props.Memory % 512 == 0, "memory must be a multiple of 512 MiB between 512 and 122880.");
        Check(props.DesiredCount is >= 0 and <= 100, "desiredCount must be from 0 to 100.");
        Check(props.ContainerPort is >= 1024 and <= 65535, "containerPort must be from 1024 to 65535.");
        Check(props.SiloPort is >= 1024 and <= 65535, "siloPort must be from 1024 to 65535.");
        Check(props.SiloPort != props.ContainerPort, "siloPort and containerPort must differ.");
        Check(IdPattern().IsMatch(props.ClusterId), "clusterId must be 1-64 letters, digits, dots, underscores or hyphens.");
        Check(IdPattern().IsMatch(props.ServiceId), "serviceId must be 1-64 letters, digits, dots, underscores or hyphens.");
        Check(props.MembershipTableName is null || TablePattern().IsMatch(props.MembershipTableName), "membershipTableName must be 3-255 letters, digits, underscores, dots or hyphens.");
        Check(props.GrainStateTableName is null || TablePattern().IsMatch(props.GrainStateTableName), "grainStateTableName must be 3-255 letters, digits, underscores, dots or hyphens.");
        Check(props.SecretArns.All(SecretReferencePattern().IsMatch), "Each secretArns entry must be <complete secret ARN>:<ENV_NAME>:: (version stage and id optional).");
        Check(props.SecretArns.Select(SecretVariable).Distinct(StringComparer.Ordinal).Count() == props.SecretArns.Count, "Two secretArns entries set the same environment variable.");
        Check(!props.SiloTlsEnabled || props.ClusterCertificateSecret is not null,
            "clusterCertificateSecret is required while siloTlsEnabled is true (the default): store the cluster certificate in Secrets Manager "
            + "(docs/operations.md, Silo TLS), or set siloTlsEnabled to false to run the silos without TLS.");
        Check(props.ClusterCertificateSecret is null || CertificateSecretPattern().IsMatch(props.ClusterCertificateSecret),
            "clusterCertificateSecret must be a complete secret ARN, optionally followed by :<JSON key>:: (version stage and id optional).");
        Check(!props.SecretArns.Select(SecretVariable).Contains(CertificateVariable, StringComparer.Ordinal),
            "secretArns must not set Cluster__Tls__Certificate; pass the certificate's secret as clusterCertificateSecret.");
        Check(props.EgressCidrBlocks.Count > 0 && props.EgressCidrBlocks.All(IsIpv4Cidr), "egressCidrBlocks must hold at least one IPv4 CIDR block.");
        Check(props.AssumableRoleArns.All(r => RoleArnPattern().IsMatch(r) && !r.EndsWith(":role/*", StringComparison.Ordinal)),
            "Each assumableRoleArns entry must be an IAM role ARN; a bare role/* would let the server assume any role in the account.");
        Check(LogRetentions.Contains(props.LogRetentionDays), "logRetentionDays must be a retention CloudWatch Logs accepts.");
        Check(props.ShutdownTimeoutSeconds is >= 5 and <= 105, "shutdownTimeoutSeconds must be from 5 to 105.");
        Check(props.HealthCheckGracePeriodSeconds >= 0, "healthCheckGracePeriodSeconds must not be negative.");
        Check(props.KmsKeyArns.All(KmsKeyArnPattern().IsMatch),
            "Each kmsKeyArns entry must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<key id>), not an alias or a wildcard.");
        Check(props.KmsKeyArns.Distinct(StringComparer.Ordinal).Count() == props.KmsKeyArns.Count, "kmsKeyArns lists the same key twice.");
        if (props.Autoscaling is { } scaling)
        {
            Check(scaling.MinCapacity >= 1 && scaling.MaxCapacity >= scaling.MinCapacity
                && scaling.CpuTargetPercent > 0 && scaling.CpuTargetPercent <= 100 && scaling.RequestsPerTarget >= 0,
                "autoscaling needs 1 <= minCapacity <= maxCapacity, 0 < cpuTargetPercent <= 100 and requestsPerTarget >= 0.");
        }
        Check(props.Alarms.SnsTopicArn is null || SnsTopicArnPattern().IsMatch(props.Alarms.SnsTopicArn), "alarmSnsTopicArn must be an SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>).");
        Check(props.Alarms.Target5xxCount >= 0, "alarmTarget5xxCount must be 0 or more.");
        Check(props.Alarms.TargetResponseTimeSeconds > 0, "alarmTargetResponseTimeSeconds must be above 0.");
        Check(props.Alarms.CpuPercent is > 0 and <= 100, "alarmCpuPercent must be above 0 and at most 100.");
        Check(props.Alarms.MemoryPercent is > 0 and <= 100, "alarmMemoryPercent must be above 0 and at most 100.");
        Check(props.Alarms.RoleAssumptionFailures >= 0, "alarmRoleAssumptionFailures must be 0 or more.");
        Check(props.WafWebAclArn is null || WebAclArnPattern().IsMatch(props.WafWebAclArn),
            "wafWebAclArn must be a regional WAFv2 web ACL ARN (arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>).");
        Check(props.PrivateRouteTableIds.All(RouteTablePattern().IsMatch), "Each privateRouteTableIds entry must be a route table id such as rtb-0123456789abcdef0.");
        Check(!props.EnableVpcEndpoints || props.PrivateRouteTableIds.Count > 0, "enableVpcEndpoints needs privateRouteTableIds for the DynamoDB and S3 gateway endpoints.");
        return errors;
    }

    /// <summary>The container secret the server reads the cluster certificate from (Cluster:Tls:Certificate).</summary>
    public const string CertificateVariable = "Cluster__Tls__Certificate";

    /// <summary>The environment variable a secret reference sets: its JSON key (the eighth field).</summary>
    public static string SecretVariable(string reference)
    {
        var fields = reference.Split(':');
        return fields.Length > 7 ? fields[7] : string.Empty;
    }

    /// <summary>The secret's own ARN (first seven fields), which is what IAM matches.</summary>
    public static string SecretArn(string reference) => string.Join(':', reference.Split(':').Take(7));

    private static bool IsIpv4Cidr(string cidr) =>
        cidr.Split('/') is [var address, var bits]
        && IPAddress.TryParse(address, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork
        && int.TryParse(bits, out var prefix) && prefix is >= 0 and <= 32;

    /// <summary>A dotted-quad CIDR block whose address is the network itself (10.0.0.0/16, not 10.0.0.1/16), as the server requires.</summary>
    private static bool IsIpv4Network(string cidr)
    {
        if (!IsIpv4Cidr(cidr))
        {
            return false;
        }

        var parts = cidr.Split('/');
        var address = IPAddress.Parse(parts[0]);
        var prefix = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        var bytes = address.GetAddressBytes();
        var hostBitSet = Enumerable.Range(prefix, 32 - prefix).Any(bit => (bytes[bit / 8] & (0x80 >> (bit % 8))) != 0);
        return !hostBitSet && address.ToString() == parts[0];
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,27}[a-z0-9]$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^vpc-[0-9a-f]{8}([0-9a-f]{9})?$")]
    private static partial Regex VpcPattern();

    [GeneratedRegex("^subnet-[0-9a-f]{8}([0-9a-f]{9})?$")]
    private static partial Regex SubnetPattern();

    [GeneratedRegex("^sg-[0-9a-f]{8}([0-9a-f]{9})?$")]
    private static partial Regex SecurityGroupPattern();

    [GeneratedRegex("^arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:cluster/[A-Za-z0-9_-]+$")]
    private static partial Regex ClusterArnPattern();

    [GeneratedRegex("^arn:aws[a-z-]*:elasticloadbalancing:[a-z0-9-]+:[0-9]{12}:listener/app/[A-Za-z0-9-]+/[0-9a-f]+/[0-9a-f]+$")]
    private static partial Regex ListenerArnPattern();

    [GeneratedRegex(@"^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")]
    private static partial Regex HostPattern();

    [GeneratedRegex(@"^[^\s:@]+(:[0-9]+)?/[^\s:@]+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}|@sha256:[0-9a-f]{64})$")]
    private static partial Regex ImagePattern();

    [GeneratedRegex("^arn:aws[a-z-]*:ecr:[a-z0-9-]+:[0-9]{12}:repository/[a-z0-9._/-]+$")]
    private static partial Regex EcrArnPattern();

    [GeneratedRegex("^[0-9a-f]{7,40}$")]
    private static partial Regex ShaPattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex IdPattern();

    [GeneratedRegex("^[A-Za-z0-9_.-]{3,255}$")]
    private static partial Regex TablePattern();

    [GeneratedRegex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}:[A-Za-z_][A-Za-z0-9_]*:[A-Za-z0-9_]*:[A-Za-z0-9-]*$")]
    private static partial Regex SecretReferencePattern();

    [GeneratedRegex("^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:[A-Za-z0-9/_+=.@-]+-[A-Za-z0-9]{6}(:[A-Za-z0-9_.-]+:[A-Za-z0-9_]*:[A-Za-z0-9-]*)?$")]
    private static partial Regex CertificateSecretPattern();

    [GeneratedRegex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$")]
    private static partial Regex KmsKeyArnPattern();

    [GeneratedRegex(@"^arn:aws[a-z-]*:sns:[a-z0-9-]+:[0-9]{12}:[A-Za-z0-9_-]{1,256}(\.fifo)?$")]
    private static partial Regex SnsTopicArnPattern();

    [GeneratedRegex("^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:[0-9]{12}:regional/webacl/[A-Za-z0-9_-]{1,128}/[a-f0-9-]{36}$")]
    private static partial Regex WebAclArnPattern();

    [GeneratedRegex("^rtb-[0-9a-f]{8}([0-9a-f]{9})?$")]
    private static partial Regex RouteTablePattern();

    [GeneratedRegex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/*-]+$")]
    private static partial Regex RoleArnPattern();
}
