using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Http;
using QuiltMcp.Orleans.Api.Identity.Bearer;
using QuiltMcp.Orleans.Deploy.Tests.Infrastructure;

namespace QuiltMcp.Orleans.Deploy.Tests;

/// <summary>
/// The Terraform module, the CloudFormation template and the synthesized CDK app describe the same service:
/// same resource kinds and the same settings where they matter (secrets, egress, ECS Exec, health checks,
/// ports, IAM scope, log retention).
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class IacParityTests(CdkSynthesis cdk)
{
    private static readonly Lazy<Task<TerraformConfiguration>> Module = new(() => TerraformConfiguration.LoadAsync(TerraformConfiguration.ModuleDirectory));

    /// <summary>Terraform resource type → CloudFormation type, for the resources every form must have.</summary>
    private static readonly Dictionary<string, string> CoreKinds = new()
    {
        ["aws_cloudwatch_log_group"] = "AWS::Logs::LogGroup",
        ["aws_dynamodb_table"] = "AWS::DynamoDB::Table",
        ["aws_iam_role"] = "AWS::IAM::Role",
        ["aws_security_group"] = "AWS::EC2::SecurityGroup",
        ["aws_lb_target_group"] = "AWS::ElasticLoadBalancingV2::TargetGroup",
        ["aws_lb_listener_rule"] = "AWS::ElasticLoadBalancingV2::ListenerRule",
        ["aws_ecs_task_definition"] = "AWS::ECS::TaskDefinition",
        ["aws_ecs_service"] = "AWS::ECS::Service",
        ["aws_cloudwatch_metric_alarm"] = "AWS::CloudWatch::Alarm",
        ["aws_cloudwatch_dashboard"] = "AWS::CloudWatch::Dashboard",
    };

    public static TheoryData<string> Templates => new() { "cloudformation", "cdk" };

    /// <summary>A plain environment entry; those under an Fn::If (the collector's OTLP variables) are OtelCollectorIacTests' business.</summary>
    private static bool Named(JsonNode? entry) => entry?["Name"] is not null;

    private JsonObject Template(string which) => which == "cdk" ? cdk.Default : Infrastructure.Templates.CloudFormation();

    /// <summary>Application Auto Scaling inputs with the sample values, as CloudFormation parameters.</summary>
    private static Dictionary<string, string> AutoscalingParameters(int requestsPerTarget) => new()
    {
        ["EnableAutoscaling"] = "true",
        ["AutoscalingMinCapacity"] = SampleInputs.MinCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["AutoscalingMaxCapacity"] = SampleInputs.MaxCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["AutoscalingCpuTargetPercent"] = SampleInputs.CpuTargetPercent.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["AutoscalingRequestsPerTarget"] = requestsPerTarget.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The hand-written template as CloudFormation would create it from the sample inputs plus <paramref name="overrides"/>.</summary>
    private static JsonObject RenderedCloudFormation(IReadOnlyDictionary<string, string>? overrides = null) =>
        TemplateRenderer.Render(Infrastructure.Templates.CloudFormation(), SampleInputs.CloudFormationParameters(overrides));

    private static JsonObject RenderedCdk(JsonObject synthesized) =>
        TemplateRenderer.Render(synthesized, new Dictionary<string, string> { ["AWS::Region"] = "us-east-1", ["AWS::AccountId"] = SampleInputs.Account });

    private JsonObject Rendered(string which, IReadOnlyDictionary<string, string>? cloudFormationOverrides = null, JsonObject? synthesized = null) =>
        which == "cdk" ? RenderedCdk(synthesized ?? cdk.Default) : RenderedCloudFormation(cloudFormationOverrides);

    /// <summary>Every Application Auto Scaling resource as (type, canonical properties), in a stable order.</summary>
    private static List<(string Type, string Properties)> AutoscalingResources(JsonObject rendered) =>
        [.. rendered["Resources"]!.AsObject()
            .Select(pair => (Type: Json.Text(pair.Value!["Type"])!, Properties: pair.Value!["Properties"]))
            .Where(r => r.Type.StartsWith("AWS::ApplicationAutoScaling::", StringComparison.Ordinal))
            .Select(r => (r.Type, TemplateRenderer.Canonical(r.Properties)))
            .OrderBy(r => r.Type, StringComparer.Ordinal).ThenBy(r => r.Item2, StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task ResourceKindsAndCountsMatchTheModule(string which)
    {
        var module = await Module.Value;
        // Rendered for the sample inputs, so resources behind a false condition (autoscaling) are not created.
        var template = Rendered(which);
        // Blocks behind count or for_each (the VPC endpoints' security group) are optional, like the resources behind false conditions.
        var expected = module.Resources
            .Where(pair => CoreKinds.ContainsKey(pair.Key))
            .ToDictionary(pair => CoreKinds[pair.Key], pair => pair.Value.Values.Count(block => block["count"] is null && block["for_each"] is null));
        Assert.Equal(CoreKinds.Count, expected.Count);

        // Inline policies and the self-referencing ingress rule are separate resources in one form only.
        string[] representationOnly = ["AWS::EC2::SecurityGroupIngress"];
        var actual = template["Resources"]!.AsObject()
            .Select(pair => Json.Text(pair.Value!["Type"])!)
            .Where(type => !representationOnly.Contains(type))
            .GroupBy(type => type)
            .ToDictionary(group => group.Key, group => group.Count());
        Assert.Equal(expected.OrderBy(p => p.Key), actual.OrderBy(p => p.Key));
        Assert.Equal(2, expected["AWS::DynamoDB::Table"]);
        Assert.Equal(2, expected["AWS::IAM::Role"]);
    }

    [Fact]
    public void CdkInjectsEachSecretUnderItsJsonKeyAndReadsOnlyThatSecret()
    {
        var container = Infrastructure.Templates.Container(cdk.Default);
        var secrets = Json.AsArray(container["Secrets"]).Select(s => (Json.Text(s!["Name"]), Json.Text(s["ValueFrom"]))).ToList();
        Assert.Equal(
            [("MCP_ENHANCED_JWT_SECRET", SampleInputs.JwtSecretReference), ("MCP_ENHANCED_JWT_KID", SampleInputs.JwtKidReference),
             (SampleInputs.CertificateVariable, SampleInputs.ClusterCertificateSecret)],
            secrets);

        // Two statements may read secrets: the listed ones, and the cluster certificate's (see the Silo TLS tests).
        var readers = AllStatements(cdk.Default).Where(s => Infrastructure.Templates.Actions(s).Any(a => a.StartsWith("secretsmanager:", StringComparison.Ordinal))).ToList();
        Assert.Equal(["ReadListedSecrets", "ReadClusterCertificate"], readers.Select(s => Json.Text(s["Sid"])));
        var statement = readers[0];
        Assert.Equal(["secretsmanager:GetSecretValue"], Infrastructure.Templates.Actions(statement));
        Assert.Equal([SampleInputs.JwtSecret], Json.AsArray(statement["Resource"]).Select(Json.Text));
        Assert.Contains(Infrastructure.Templates.Statements(cdk.Default, "ExecutionRole"), s => Json.Text(s["Sid"]) == "ReadListedSecrets" && s.ToJsonString() == statement.ToJsonString());

        // Secrets never travel as plain environment variables.
        Assert.DoesNotContain(Json.AsArray(container["Environment"]), e => Json.Text(e!["Name"])!.Contains("SECRET", StringComparison.Ordinal));
    }

    [Fact]
    public void CloudFormationInjectsSecretsFromItsSecretArnsParameter()
    {
        var template = Infrastructure.Templates.CloudFormation();
        Assert.Equal(string.Empty, Json.Text(template["Parameters"]!["SecretArns"]!["Default"]));
        var container = Json.AllConditionsTrue(Infrastructure.Templates.Container(template))!;
        var secrets = Json.AsArray(container["Secrets"]);
        // Four slots of SecretArns, then the cluster certificate's (SiloTlsIacTests).
        Assert.Equal(5, secrets.Count);
        Assert.Equal(SampleInputs.CertificateVariable, Json.Text(secrets[4]!["Name"]));
        Assert.Equal("{\"Ref\":\"ClusterCertificateSecret\"}", secrets[4]!["ValueFrom"]!.ToJsonString());
        for (var i = 0; i < 4; i++)
        {
            var valueFrom = secrets[i]!["ValueFrom"]!.ToJsonString();
            Assert.Equal($"{{\"Fn::Select\":[{i},{{\"Ref\":\"SecretArns\"}}]}}", valueFrom);
            Assert.Contains($"{{\"Fn::Select\":[7,{{\"Fn::Split\":[\":\",{valueFrom}]}}]}}", secrets[i]!["Name"]!.ToJsonString());
        }

        var statement = Assert.Single(Infrastructure.Templates.Statements(template, "ExecutionRole"), s => Json.Text(s["Sid"]) == "ReadListedSecrets");
        Assert.Equal(["secretsmanager:GetSecretValue"], Infrastructure.Templates.Actions(statement));
        Assert.All(Json.AsArray(statement["Resource"]), r => Assert.Contains("\"Ref\":\"SecretArns\"", r!.ToJsonString()));
    }

    [Fact]
    public async Task EgressGoesOnlyToTheConfiguredCidrBlocks()
    {
        var tf = (await Module.Value).Resource("aws_security_group", "service");
        var tfEgress = Json.AsArray(tf["egress"]).Single()!;
        Assert.Equal("${var.egress_cidr_blocks}", Json.Text(tfEgress["cidr_blocks"]));
        Assert.Equal("-1", Json.Text(tfEgress["protocol"]));

        var cfn = Infrastructure.Templates.CloudFormation();
        Assert.Equal("0.0.0.0/0", Json.Text(cfn["Parameters"]!["EgressCidrBlock"]!["Default"]));
        var cfnEgress = Json.AsArray(Infrastructure.Templates.Named(cfn, "AWS::EC2::SecurityGroup", "ServiceSecurityGroup")["SecurityGroupEgress"]).Single()!;
        Assert.Equal("{\"Ref\":\"EgressCidrBlock\"}", cfnEgress["CidrIp"]!.ToJsonString());
        Assert.Equal("-1", Json.Text(cfnEgress["IpProtocol"]));

        var cdkEgress = Json.AsArray(Infrastructure.Templates.Single(cdk.Default, "AWS::EC2::SecurityGroup")["SecurityGroupEgress"]).Single()!;
        Assert.Equal(SampleInputs.EgressCidr, Json.Text(cdkEgress["CidrIp"]));
        Assert.Equal("-1", Json.Text(cdkEgress["IpProtocol"]));
    }

    [Fact]
    public async Task EcsExecIsOffByDefaultAndBringsItsPermissionsOnlyWhenOn()
    {
        var module = await Module.Value;
        Assert.Equal("${var.enable_execute_command}", Json.Text(module.Resource("aws_ecs_service", "this")["enable_execute_command"]));
        var tfExec = Json.AsArray(module.DataSource("aws_iam_policy_document", "task")["dynamic"]?["statement"])
            .Single(s => Json.Text(s!["content"]![0]!["sid"]) == "EcsExec")!;
        Assert.Equal("${var.enable_execute_command ? [1] : []}", Json.Text(tfExec["for_each"]));

        var cfn = Infrastructure.Templates.CloudFormation();
        Assert.Equal("false", Json.Text(cfn["Parameters"]!["EnableExecuteCommand"]!["Default"]));
        Assert.Equal("{\"Fn::If\":[\"ExecEnabled\",true,false]}", Infrastructure.Templates.Single(cfn, "AWS::ECS::Service")["EnableExecuteCommand"]!.ToJsonString());
        Assert.Contains("ExecEnabled", Infrastructure.Templates.Named(cfn, "AWS::IAM::Role", "TaskRole").ToJsonString());

        Assert.False(Infrastructure.Templates.Single(cdk.Default, "AWS::ECS::Service")["EnableExecuteCommand"]!.GetValue<bool>());
        Assert.DoesNotContain("ssmmessages", cdk.Default.ToJsonString());
        Assert.True(Infrastructure.Templates.Single(cdk.WithExec, "AWS::ECS::Service")["EnableExecuteCommand"]!.GetValue<bool>());
        Assert.Contains(Infrastructure.Templates.Statements(cdk.WithExec, "TaskRole"), s => Infrastructure.Templates.Actions(s).Contains("ssmmessages:CreateControlChannel"));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task TargetGroupHealthCheckMatchesTheModule(string which)
    {
        var tf = (await Module.Value).Resource("aws_lb_target_group", "this");
        var tfCheck = Json.AsArray(tf["health_check"]).Single()!;
        var tg = Infrastructure.Templates.Single(Template(which), "AWS::ElasticLoadBalancingV2::TargetGroup");

        Assert.Equal("/healthz", Json.Text(tfCheck["path"]));
        Assert.Equal(Json.Text(tfCheck["path"]), Json.Text(tg["HealthCheckPath"]));
        Assert.Equal(Json.Number(tfCheck["healthy_threshold"]), Json.Number(tg["HealthyThresholdCount"]));
        Assert.Equal(Json.Number(tfCheck["unhealthy_threshold"]), Json.Number(tg["UnhealthyThresholdCount"]));
        Assert.Equal(Json.Number(tfCheck["interval"]), Json.Number(tg["HealthCheckIntervalSeconds"]));
        Assert.Equal(Json.Number(tfCheck["timeout"]), Json.Number(tg["HealthCheckTimeoutSeconds"]));
        Assert.Equal([2.0, 3.0, 30.0, 6.0], new[] { tfCheck["healthy_threshold"], tfCheck["unhealthy_threshold"], tfCheck["interval"], tfCheck["timeout"] }.Select(n => Json.Number(n)!.Value));
        Assert.Equal("ip", Json.Text(tg["TargetType"]));
        Assert.Equal("HTTP", Json.Text(tg["Protocol"]));
        var delay = Json.AsArray(tg["TargetGroupAttributes"]).Single(a => Json.Text(a!["Key"]) == "deregistration_delay.timeout_seconds")!;
        Assert.Equal(Json.Number(tf["deregistration_delay"]), Json.Number(delay["Value"]));
        Assert.Equal(30, Json.Number(tf["deregistration_delay"]));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task ContainerHealthCheckIsTheBinarysOwnProbeEverywhere(string which)
    {
        var tfCheck = (await Module.Value).Locals["container_health_check"]!;
        var check = Infrastructure.Templates.Container(Template(which))["HealthCheck"]!;
        var expected = new[] { "CMD", "/app/quilt-mcp", "healthcheck" };
        Assert.Equal(expected, Json.AsArray(tfCheck["command"]).Select(Json.Text));
        Assert.Equal(expected, Json.AsArray(check["Command"]).Select(Json.Text));
        Assert.Equal(expected[1..], DockerfileTests.HealthcheckCommand());
        foreach (var (tfKey, cfnKey) in new[] { ("interval", "Interval"), ("timeout", "Timeout"), ("retries", "Retries"), ("startPeriod", "StartPeriod") })
        {
            Assert.Equal(Json.Number(tfCheck[tfKey]), Json.Number(check[cfnKey]));
        }
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void PortsAreTheMcpPortFromTheAlbAndTheSiloPortBetweenTasks(string which)
    {
        var template = Template(which);
        var isCdk = which == "cdk";
        string Port(string parameter, int value) => isCdk ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{{\"Ref\":\"{parameter}\"}}";
        string Node(JsonNode? node) => node is JsonValue ? Json.Text(node)! : node!.ToJsonString();

        var mappings = Json.AsArray(Infrastructure.Templates.Container(template)["PortMappings"]).Select(m => Node(m!["ContainerPort"])).ToList();
        Assert.Equal([Port("ContainerPort", 8000), Port("SiloPort", 11111)], mappings);
        Assert.Equal(Port("ContainerPort", 8000), Node(Infrastructure.Templates.Single(template, "AWS::ElasticLoadBalancingV2::TargetGroup")["Port"]));

        var ingress = Json.AsArray(Infrastructure.Templates.Named(template, "AWS::EC2::SecurityGroup", "ServiceSecurityGroup")["SecurityGroupIngress"]).Single()!;
        Assert.Equal(Port("ContainerPort", 8000), Node(ingress["FromPort"]));
        Assert.Equal(Port("ContainerPort", 8000), Node(ingress["ToPort"]));
        Assert.Equal(isCdk ? SampleInputs.AlbSecurityGroup : "{\"Ref\":\"AlbSecurityGroupId\"}", Node(ingress["SourceSecurityGroupId"]));
        Assert.Null(ingress["CidrIp"]);

        var silo = Infrastructure.Templates.Single(template, "AWS::EC2::SecurityGroupIngress");
        Assert.Equal(Port("SiloPort", 11111), Node(silo["FromPort"]));
        Assert.Equal(silo["GroupId"]!.ToJsonString(), silo["SourceSecurityGroupId"]!.ToJsonString());

        var environment = Json.AsArray(Infrastructure.Templates.Container(template)["Environment"]).Where(Named).ToDictionary(e => Json.Text(e!["Name"])!, e => Node(e!["Value"]));
        Assert.Equal(Port("ContainerPort", 8000), environment["FASTMCP_PORT"]);
        Assert.Equal(Port("SiloPort", 11111), environment["Cluster__SiloPort"]);
        Assert.Equal("0.0.0.0", environment["FASTMCP_ADDR"]);
    }

    [Fact]
    public async Task ModulePortsAreTheContainerPortFromTheAlbAndTheSiloPortFromItself()
    {
        var group = (await Module.Value).Resource("aws_security_group", "service");
        var ingress = Json.AsArray(group["ingress"]);
        Assert.Equal(2, ingress.Count);
        var mcp = ingress.Single(i => Json.Text(i!["from_port"]) == "${var.container_port}")!;
        Assert.Equal("${var.alb_security_group_ids}", Json.Text(mcp["security_groups"]));
        Assert.Null(mcp["cidr_blocks"]);
        var silo = ingress.Single(i => Json.Text(i!["from_port"]) == "${var.silo_port}")!;
        Assert.True(silo["self"]!.GetValue<bool>());
        Assert.Null(silo["cidr_blocks"]);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task EnvironmentVariableNamesMatchTheModule(string which)
    {
        var tf = (await Module.Value).Locals["managed_environment"]!.AsObject().Select(p => p.Key).Order();
        // Entries under an Fn::If (the collector's OTLP variables, OtelCollectorIacTests) are not the module's managed_environment.
        var names = Json.AsArray(Infrastructure.Templates.Container(Template(which))["Environment"]).Where(Named).Select(e => Json.Text(e!["Name"])!).Order();
        Assert.Equal(tf, names);
        Assert.Contains("Cluster__GrainStorage__TableName", names);
    }

    [Fact]
    public async Task ModuleTellsTheServerTheListenerRulesHostAndTrustsForwardedAddressesOnlyFromTheVpc()
    {
        var module = await Module.Value;
        var environment = module.Locals["managed_environment"]!;
        var rule = module.Resource("aws_lb_listener_rule", "this");
        var ruleHosts = Json.AsArray(rule["condition"]).SelectMany(c => Json.AsArray(c!["host_header"])).Single()!["values"]!.ToJsonString();

        Assert.Equal("[\"${var.host_header}\"]", ruleHosts);
        Assert.Equal("${var.host_header}", Json.Text(environment["Http__AllowedHosts__0"]));
        Assert.Equal("${data.aws_vpc.this.cidr_block}", Json.Text(environment["Http__TrustedProxies__0"]));
        Assert.Equal("${var.vpc_id}", Json.Text(module.DataSource("aws_vpc", "this")["id"]));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void TheServerIsToldTheListenerRulesHostAndTrustsForwardedAddressesOnlyFromTheVpc(string which)
    {
        var template = Template(which);
        string Node(JsonNode? node) => node is JsonValue ? Json.Text(node)! : node!.ToJsonString();
        var environment = Json.AsArray(Infrastructure.Templates.Container(template)["Environment"]).Where(Named).ToDictionary(e => Json.Text(e!["Name"])!, e => Node(e!["Value"]));
        var hostCondition = Json.AsArray(Infrastructure.Templates.Single(template, "AWS::ElasticLoadBalancingV2::ListenerRule")["Conditions"])
            .Single(c => Json.Text(c!["Field"]) == "host-header")!;
        var ruleHost = Json.AsArray(hostCondition["HostHeaderConfig"]!["Values"]).Single();

        Assert.Equal(which == "cdk" ? SampleInputs.HostHeader : "{\"Ref\":\"HostHeader\"}", environment["Http__AllowedHosts__0"]);
        Assert.Equal(Node(ruleHost), environment["Http__AllowedHosts__0"]);
        Assert.Equal(which == "cdk" ? SampleInputs.VpcCidr : "{\"Ref\":\"VpcCidrBlock\"}", environment["Http__TrustedProxies__0"]);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void TheServerAcceptsTheHttpSettingsItIsGivenAndServesOnlyTheRulesHost(string which)
    {
        // The rendered container environment, read as the server reads environment variables ("__" is ":").
        var environment = Json.AsArray(Infrastructure.Templates.Container(Rendered(which))["Environment"])
            .ToDictionary(e => Json.Text(e!["Name"])!.Replace("__", ":", StringComparison.Ordinal), e => Json.Text(e!["Value"]));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(environment).Build();
        var http = configuration.GetSection(HttpOptions.SectionName).Get<HttpOptions>()!;
        var server = new ServerOptions { Address = environment["FASTMCP_ADDR"]! };
        var resource = new ProtectedResourceOptions();

        Assert.True(new HttpOptionsValidator().Validate(null, http).Succeeded);
        Assert.True(new AllowedHostsValidator(isProduction: true, Options.Create(server), Options.Create(resource)).Validate(null, http).Succeeded);
        var hosts = new HostAllowList(http, server, resource, isDevelopment: false);
        Assert.True(hosts.Allows(new HostString(SampleInputs.HostHeader)));
        Assert.False(hosts.Allows(new HostString("evil.example.com")));
        Assert.False(hosts.Allows(new HostString("localhost")));

        var forwarded = new ForwardedHeadersOptions();
        TrustedProxyForwarding.Configure(forwarded, http);
        bool Trusted(string address) => forwarded.KnownIPNetworks.Any(network => network.Contains(IPAddress.Parse(address)));
        Assert.True(Trusted("10.20.7.9"));
        Assert.False(Trusted("10.21.0.1"));
        Assert.False(Trusted("203.0.113.5"));
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void TaskRoleMayAssumeOnlyTheListedRolesAndTouchOnlyTheTwoTables(string which)
    {
        var template = Template(which);
        var statements = Infrastructure.Templates.Statements(template, "TaskRole");
        var sts = Assert.Single(statements, s => Infrastructure.Templates.Actions(s).Any(a => a.StartsWith("sts:", StringComparison.Ordinal)));
        Assert.Equal(["sts:AssumeRole", "sts:SetSourceIdentity", "sts:TagSession"], Infrastructure.Templates.Actions(sts).Order());
        var roles = Json.AsArray(sts["Resource"]).Select(r => r is JsonValue ? Json.Text(r) : r!.ToJsonString()).ToList();
        Assert.Equal(which == "cdk" ? [SampleInputs.UserRoles, SampleInputs.ReaderRole] : ["{\"Ref\":\"AssumableRoleArns\"}"], roles);

        var dynamo = Assert.Single(statements, s => Infrastructure.Templates.Actions(s).Any(a => a.StartsWith("dynamodb:", StringComparison.Ordinal)));
        Assert.Contains("dynamodb:DescribeTable", Infrastructure.Templates.Actions(dynamo));
        Assert.DoesNotContain("dynamodb:*", Infrastructure.Templates.Actions(dynamo));
        var tables = Infrastructure.Templates.OfType(template, "AWS::DynamoDB::Table").Select(t => t.Id).Order().ToList();
        var resources = Json.AsArray(dynamo["Resource"]).Select(r => r!["Fn::GetAtt"]![0]!.ToString()).Order().ToList();
        Assert.Equal(tables, resources);

        // "*" only where IAM has no resource-level permission: ECR auth, the ECS Exec channel and the collector's X-Ray calls.
        foreach (var statement in statements.Concat(Infrastructure.Templates.Statements(template, "ExecutionRole")))
        {
            if (Json.AsArray(statement["Resource"]).Any(r => Json.Text(r) == "*"))
            {
                Assert.All(Infrastructure.Templates.Actions(statement), a => Assert.True(
                    a == "ecr:GetAuthorizationToken" || a.StartsWith("ssmmessages:", StringComparison.Ordinal) || a.StartsWith("xray:", StringComparison.Ordinal), a));
            }
        }
    }

    [Fact]
    public async Task ModuleScopesAssumeRoleAndTablesTheSameWay()
    {
        var task = (await Module.Value).DataSource("aws_iam_policy_document", "task");
        var assume = Json.AsArray(task["dynamic"]?["statement"]).Select(s => s!["content"]![0]!).Single(c => Json.Text(c["sid"]) == "AssumeUserRoles");
        Assert.Equal("[\"sts:AssumeRole\",\"sts:TagSession\",\"sts:SetSourceIdentity\"]", assume["actions"]!.ToJsonString());
        Assert.Equal("${var.assumable_role_arns}", Json.Text(assume["resources"]));
        var tables = Json.AsArray(task["statement"]).Single(s => Json.Text(s!["sid"]) == "ClusterTables")!;
        Assert.Equal("[\"${aws_dynamodb_table.membership.arn}\",\"${aws_dynamodb_table.grain_state.arn}\"]", tables["resources"]!.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public async Task LogsGoToTheServicesLogGroupWithTheModulesRetention(string which)
    {
        var tfRetention = (await Module.Value).Resource("aws_cloudwatch_log_group", "this")["retention_in_days"];
        Assert.Equal("${var.log_retention_days}", Json.Text(tfRetention));
        var template = Template(which);
        var retention = Infrastructure.Templates.Single(template, "AWS::Logs::LogGroup")["RetentionInDays"];
        Assert.Equal(which == "cdk" ? "30" : "{\"Ref\":\"LogRetentionDays\"}", retention is JsonValue ? Json.Text(retention) : retention!.ToJsonString());
        if (which != "cdk")
        {
            Assert.Equal(30, Json.Number(template["Parameters"]!["LogRetentionDays"]!["Default"]));
        }

        var logging = Infrastructure.Templates.Container(template)["LogConfiguration"]!;
        Assert.Equal("awslogs", Json.Text(logging["LogDriver"]));
        var logGroupId = Infrastructure.Templates.OfType(template, "AWS::Logs::LogGroup").Single().Id;
        Assert.Equal($"{{\"Ref\":\"{logGroupId}\"}}", logging["Options"]!["awslogs-group"]!.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void ServiceRunsPrivatelyOnFargateAndRollsBackFailedDeployments(string which)
    {
        var template = Template(which);
        var service = Infrastructure.Templates.Single(template, "AWS::ECS::Service");
        Assert.Equal("FARGATE", Json.Text(service["LaunchType"]));
        Assert.Equal("DISABLED", Json.Text(service["NetworkConfiguration"]!["AwsvpcConfiguration"]!["AssignPublicIp"]));
        var breaker = service["DeploymentConfiguration"]!["DeploymentCircuitBreaker"]!;
        Assert.True(breaker["Enable"]!.GetValue<bool>());
        Assert.True(breaker["Rollback"]!.GetValue<bool>());
        var dependsOn = Json.AsArray(Assert.Single(Infrastructure.Templates.OfType(template, "AWS::ECS::Service")).Resource["DependsOn"]).Select(Json.Text);
        Assert.Contains(Infrastructure.Templates.OfType(template, "AWS::ElasticLoadBalancingV2::ListenerRule").Single().Id, dependsOn);

        // ECS must wait longer than the server's own shutdown before it kills the task.
        var container = Infrastructure.Templates.Container(template);
        var environment = Json.AsArray(container["Environment"]).Where(Named).ToDictionary(e => Json.Text(e!["Name"])!, e => e!["Value"]);
        if (which == "cdk")
        {
            Assert.True(Json.Number(container["StopTimeout"]) > TimeSpan.Parse(Json.Text(environment["Shutdown__Timeout"])!, System.Globalization.CultureInfo.InvariantCulture).TotalSeconds);
        }
        else
        {
            var parameters = template["Parameters"]!;
            Assert.True(Json.Number(parameters["StopTimeout"]!["Default"]) > TimeSpan.Parse(Json.Text(parameters["ShutdownTimeout"]!["Default"])!, System.Globalization.CultureInfo.InvariantCulture).TotalSeconds);
        }
    }

    [Fact]
    public async Task ModuleServiceRunsPrivatelyWithRollbackAndStopsAfterTheShutdownTimeout()
    {
        var module = await Module.Value;
        var service = module.Resource("aws_ecs_service", "this");
        Assert.Equal("FARGATE", Json.Text(service["launch_type"]));
        Assert.False(Json.AsArray(service["network_configuration"]).Single()!["assign_public_ip"]!.GetValue<bool>());
        var breaker = Json.AsArray(service["deployment_circuit_breaker"]).Single()!;
        Assert.True(breaker["enable"]!.GetValue<bool>() && breaker["rollback"]!.GetValue<bool>());
        Assert.Equal("${var.shutdown_timeout_seconds + 15}", Json.Text(module.Locals["stop_timeout_seconds"]));
        Assert.Equal("${local.stop_timeout_seconds}", Json.Text(module.Locals["container_definition"]!["stopTimeout"]));
    }

    [Fact]
    public async Task TheThreeFormsValidateTheImageWithTheSamePattern()
    {
        var tf = Assert.Single((await Module.Value).ValidationRegexes("container_image")).ToString();
        var cfn = Json.Text(Infrastructure.Templates.CloudFormation()["Parameters"]!["ContainerImage"]!["AllowedPattern"]);
        Assert.Equal(tf, cfn);
        var cdkSource = await File.ReadAllTextAsync(Path.Combine(CdkSynthesis.ProjectDirectory, "McpServerPropsValidator.cs"));
        Assert.Contains($"[GeneratedRegex(@\"{tf}\")]", cdkSource);
    }

    [Fact]
    public async Task CdkRejectsAPartialSecretArnBeforeSynthesizing()
    {
        var context = new Dictionary<string, string>(SampleInputs.Context) { ["secretArns"] = "arn:aws:secretsmanager:us-east-1:123456789012:secret:jwt" };
        var result = await cdk.RunSynthAsync("bad-secret", context);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("secretArns entry must be <complete secret ARN>:<ENV_NAME>::", result.Combined);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public void CloudFormationRendersExactlyTheUsedSecretSlots(int count)
    {
        var references = SampleInputs.FourSecretReferences.Take(count).ToList();
        var rendered = RenderedCloudFormation(new Dictionary<string, string>
        {
            ["SecretArns"] = string.Join(',', references),
            ["SecretCount"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        var container = Infrastructure.Templates.Container(rendered);
        var secrets = Json.AsArray(container["Secrets"]);
        Assert.DoesNotContain("Fn::", container["Secrets"]?.ToJsonString() ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("AWS::NoValue", container["Secrets"]?.ToJsonString() ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(
            references.Select(r => (r.Split(':')[7], r)).Append((SampleInputs.CertificateVariable, SampleInputs.ClusterCertificateSecret)),
            secrets.Select(s => (Json.Text(s!["Name"])!, Json.Text(s["ValueFrom"])!)));

        var readSecrets = Infrastructure.Templates.Statements(rendered, "ExecutionRole").Where(s => Json.Text(s["Sid"]) == "ReadListedSecrets").ToList();
        Assert.DoesNotContain("AWS::NoValue", rendered["Resources"]!["ExecutionRole"]!.ToJsonString(), StringComparison.Ordinal);
        if (count == 0)
        {
            Assert.Empty(readSecrets);
            return;
        }

        // IAM gets the bare secret ARNs: the JWT secret for two references, both secrets for four.
        var statement = Assert.Single(readSecrets);
        Assert.Equal(["secretsmanager:GetSecretValue"], Infrastructure.Templates.Actions(statement));
        Assert.Equal(
            count == 2 ? new[] { SampleInputs.JwtSecret } : new[] { SampleInputs.JwtSecret, SampleInputs.SigningSecret },
            Json.AsArray(statement["Resource"]).Select(Json.Text).Distinct());

        // The CDK app, given the same references, injects the same secrets and reads the same secrets.
        var synthesized = RenderedCdk(count == 2 ? cdk.Default : cdk.WithOptions);
        Assert.Equal(TemplateRenderer.Canonical(container["Secrets"]), TemplateRenderer.Canonical(Infrastructure.Templates.Container(synthesized)["Secrets"]));
        var cdkStatement = Assert.Single(Infrastructure.Templates.Statements(synthesized, "ExecutionRole"), s => Json.Text(s["Sid"]) == "ReadListedSecrets");
        Assert.Equal(Json.AsArray(statement["Resource"]).Select(Json.Text).Distinct(), Json.AsArray(cdkStatement["Resource"]).Select(Json.Text));
    }

    [Fact]
    public void CloudFormationFailsRatherThanInventingASecretWhenSecretCountExceedsTheList()
    {
        var overrides = new Dictionary<string, string> { ["SecretArns"] = SampleInputs.JwtSecretReference, ["SecretCount"] = "3" };
        var error = Assert.Throws<InvalidDataException>(() => RenderedCloudFormation(overrides));
        Assert.Contains("past the end", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AutoscalingIsOffByDefaultInEveryForm()
    {
        var module = await Module.Value;
        Assert.True(module.Variables["autoscaling"].ContainsKey("default"));
        Assert.Null(module.Variables["autoscaling"]["default"]);
        Assert.Equal("${var.autoscaling == null ? 0 : 1}", Json.Text(module.Resource("aws_appautoscaling_target", "this")["count"]));
        Assert.Equal("${var.autoscaling == null ? 0 : 1}", Json.Text(module.Resource("aws_appautoscaling_policy", "cpu")["count"]));
        Assert.StartsWith("${var.autoscaling == null ? 0 :", Json.Text(module.Resource("aws_appautoscaling_policy", "requests")["count"]), StringComparison.Ordinal);

        Assert.Equal("false", Json.Text(Infrastructure.Templates.CloudFormation()["Parameters"]!["EnableAutoscaling"]!["Default"]));
        Assert.Empty(AutoscalingResources(RenderedCloudFormation()));
        Assert.Empty(AutoscalingResources(RenderedCdk(cdk.Default)));
        Assert.Empty(AutoscalingResources(RenderedCdk(cdk.WithExec)));

        // Turning it on is what brings the resources: the check above cannot pass by the resources never existing.
        Assert.NotEmpty(AutoscalingResources(RenderedCloudFormation(AutoscalingParameters(SampleInputs.RequestsPerTarget))));
    }

    [Fact]
    public async Task AutoscalingWhenEnabledIsTheSameTargetAndPoliciesInEveryForm()
    {
        var module = await Module.Value;
        var cloudFormation = AutoscalingResources(RenderedCloudFormation(AutoscalingParameters(SampleInputs.RequestsPerTarget)));
        var synthesized = AutoscalingResources(RenderedCdk(cdk.WithOptions));

        // Same kinds and counts as the module: one scalable target, a CPU and a requests policy.
        Assert.Equal(["this"], module.Resources["aws_appautoscaling_target"].Keys);
        Assert.Equal(["cpu", "requests"], module.Resources["aws_appautoscaling_policy"].Keys.Order());
        string[] kinds = ["AWS::ApplicationAutoScaling::ScalableTarget", "AWS::ApplicationAutoScaling::ScalingPolicy", "AWS::ApplicationAutoScaling::ScalingPolicy"];
        Assert.Equal(kinds, cloudFormation.Select(r => r.Type).Order());

        // CloudFormation and the CDK agree property by property.
        Assert.Equal(cloudFormation, synthesized);

        // And both say what the module says.
        var tfTarget = module.Resource("aws_appautoscaling_target", "this");
        var target = JsonNode.Parse(cloudFormation.Single(r => r.Type.EndsWith("ScalableTarget", StringComparison.Ordinal)).Properties)!;
        Assert.Equal(Json.Text(tfTarget["service_namespace"]), Json.Text(target["ServiceNamespace"]));
        Assert.Equal(Json.Text(tfTarget["scalable_dimension"]), Json.Text(target["ScalableDimension"]));
        Assert.Equal("ecs:service:DesiredCount", Json.Text(target["ScalableDimension"]));
        Assert.Equal("service/${element(split(\"/\", var.ecs_cluster_arn), 1)}/${aws_ecs_service.this.name}", Json.Text(tfTarget["resource_id"]));
        Assert.Equal("service/sales-prod/<AWS::ECS::Service.Name>", Json.Text(target["ResourceId"]));
        Assert.Equal("${var.autoscaling.min_capacity}", Json.Text(tfTarget["min_capacity"]));
        Assert.Equal("${var.autoscaling.max_capacity}", Json.Text(tfTarget["max_capacity"]));
        Assert.Equal((double)SampleInputs.MinCapacity, Json.Number(target["MinCapacity"]));
        Assert.Equal((double)SampleInputs.MaxCapacity, Json.Number(target["MaxCapacity"]));

        var policies = cloudFormation.Where(r => r.Type.EndsWith("ScalingPolicy", StringComparison.Ordinal)).Select(r => JsonNode.Parse(r.Properties)!)
            .ToDictionary(p => Json.Text(p["TargetTrackingScalingPolicyConfiguration"]!["PredefinedMetricSpecification"]!["PredefinedMetricType"])!);
        foreach (var (name, metric, targetValue, variable) in new[]
        {
            ("cpu", "ECSServiceAverageCPUUtilization", SampleInputs.CpuTargetPercent, "cpu_target_percent"),
            ("requests", "ALBRequestCountPerTarget", SampleInputs.RequestsPerTarget, "requests_per_target"),
        })
        {
            var tf = module.Resource("aws_appautoscaling_policy", name);
            var tfConfiguration = Json.AsArray(tf["target_tracking_scaling_policy_configuration"]).Single()!;
            var tfMetric = Json.AsArray(tfConfiguration["predefined_metric_specification"]).Single()!;
            var policy = policies[Json.Text(tfMetric["predefined_metric_type"])!];
            var configuration = policy["TargetTrackingScalingPolicyConfiguration"]!;

            Assert.Equal(metric, Json.Text(tfMetric["predefined_metric_type"]));
            Assert.Equal("${var.name}-" + name, Json.Text(tf["name"]));
            Assert.Equal("quilt-mcp-" + name, Json.Text(policy["PolicyName"]));
            Assert.Equal(Json.Text(tf["policy_type"]), Json.Text(policy["PolicyType"]));
            Assert.Equal("<AWS::ApplicationAutoScaling::ScalableTarget>", Json.Text(policy["ScalingTargetId"]));
            Assert.Equal("${var.autoscaling." + variable + "}", Json.Text(tfConfiguration["target_value"]));
            Assert.Equal((double)targetValue, Json.Number(configuration["TargetValue"]));
            Assert.Equal(300, Json.Number(tfConfiguration["scale_in_cooldown"]));
            Assert.Equal(Json.Number(tfConfiguration["scale_in_cooldown"]), Json.Number(configuration["ScaleInCooldown"]));
            Assert.Equal(Json.Number(tfConfiguration["scale_out_cooldown"]), Json.Number(configuration["ScaleOutCooldown"]));
        }

        // Requests are counted per target of this target group on the listener's load balancer.
        Assert.Equal("${local.alb_arn_suffix}/${aws_lb_target_group.this.arn_suffix}",
            Json.Text(Json.AsArray(Json.AsArray(module.Resource("aws_appautoscaling_policy", "requests")["target_tracking_scaling_policy_configuration"]).Single()!["predefined_metric_specification"]).Single()!["resource_label"]));
        Assert.Equal("${join(\"/\", slice(split(\"/\", var.alb_listener_arn), 1, 4))}", Json.Text(module.Locals["alb_arn_suffix"]));
        Assert.Equal(
            "app/sales-prod/0123456789abcdef/<AWS::ElasticLoadBalancingV2::TargetGroup.TargetGroupFullName>",
            Json.Text(policies["ALBRequestCountPerTarget"]["TargetTrackingScalingPolicyConfiguration"]!["PredefinedMetricSpecification"]!["ResourceLabel"]));
    }

    [Fact]
    public async Task AutoscalingWithoutARequestTargetTracksCpuOnlyInEveryForm()
    {
        var requestsCount = Json.Text((await Module.Value).Resource("aws_appautoscaling_policy", "requests")["count"]);
        Assert.Equal("${var.autoscaling == null ? 0 : (var.autoscaling.requests_per_target > 0 ? 1 : 0)}", requestsCount);
        Assert.Contains("requests_per_target = optional(number, 0)", (await Module.Value).Text, StringComparison.Ordinal);

        var cloudFormation = AutoscalingResources(RenderedCloudFormation(AutoscalingParameters(0)));
        var synthesized = AutoscalingResources(RenderedCdk(cdk.WithCpuAutoscaling));
        Assert.Equal(["AWS::ApplicationAutoScaling::ScalableTarget", "AWS::ApplicationAutoScaling::ScalingPolicy"], cloudFormation.Select(r => r.Type));
        Assert.Contains("ECSServiceAverageCPUUtilization", cloudFormation[1].Properties, StringComparison.Ordinal);
        Assert.Equal(cloudFormation, synthesized);
    }

    [Fact]
    public async Task KmsDecryptIsAbsentUnlessKeysAreListed()
    {
        var module = await Module.Value;
        Assert.Equal("[]", module.Variables["kms_key_arns"]["default"]!.ToJsonString());
        var tfKms = Json.AsArray(module.DataSource("aws_iam_policy_document", "execution")["dynamic"]?["statement"])
            .Single(s => Json.Text(s!["content"]![0]!["sid"]) == "DecryptListedSecretKeys")!;
        Assert.Equal("${length(var.kms_key_arns) > 0 ? [1] : []}", Json.Text(tfKms["for_each"]));

        Assert.Equal(string.Empty, Json.Text(Infrastructure.Templates.CloudFormation()["Parameters"]!["KmsKeyArns"]!["Default"]));
        foreach (var rendered in new[] { RenderedCloudFormation(), RenderedCdk(cdk.Default), RenderedCdk(cdk.WithExec) })
        {
            Assert.DoesNotContain(AllStatements(rendered), s => Infrastructure.Templates.Actions(s).Any(a => a.StartsWith("kms:", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public async Task KmsDecryptIsOnlyOnTheListedKeysAndOnlyThroughSecretsManagerInEveryForm()
    {
        var keys = string.Join(',', SampleInputs.KmsKeys);
        var cloudFormation = RenderedCloudFormation(new Dictionary<string, string> { ["KmsKeyArns"] = keys });
        var synthesized = RenderedCdk(cdk.WithOptions);

        var statements = new[] { cloudFormation, synthesized }.Select(template =>
        {
            Assert.DoesNotContain(Infrastructure.Templates.Statements(template, "TaskRole"), s => Infrastructure.Templates.Actions(s).Any(a => a.StartsWith("kms:", StringComparison.Ordinal)));
            return Assert.Single(Infrastructure.Templates.Statements(template, "ExecutionRole"), s => Infrastructure.Templates.Actions(s).Any(a => a.StartsWith("kms:", StringComparison.Ordinal)));
        }).ToList();
        Assert.Equal(TemplateRenderer.Canonical(statements[0]), TemplateRenderer.Canonical(statements[1]));

        var statement = statements[0];
        Assert.Equal("DecryptListedSecretKeys", Json.Text(statement["Sid"]));
        Assert.Equal(["kms:Decrypt"], Infrastructure.Templates.Actions(statement));
        Assert.Equal(SampleInputs.KmsKeys, Json.AsArray(statement["Resource"]).Select(Json.Text));
        Assert.Equal("{\"StringLike\":{\"kms:ViaService\":\"secretsmanager.*.amazonaws.com\"}}", statement["Condition"]!.ToJsonString());

        var tf = Json.AsArray((await Module.Value).DataSource("aws_iam_policy_document", "execution")["dynamic"]?["statement"])
            .Select(s => s!["content"]![0]!).Single(c => Json.Text(c["sid"]) == "DecryptListedSecretKeys");
        Assert.Equal("[\"kms:Decrypt\"]", tf["actions"]!.ToJsonString());
        Assert.Equal("${var.kms_key_arns}", Json.Text(tf["resources"]));
        var tfCondition = Json.AsArray(tf["condition"]).Single()!;
        Assert.Equal(statement["Condition"]!.AsObject().Single().Key, Json.Text(tfCondition["test"]));
        Assert.Equal("kms:ViaService", Json.Text(tfCondition["variable"]));
        Assert.Equal("[\"secretsmanager.*.amazonaws.com\"]", tfCondition["values"]!.ToJsonString());
    }

    [Fact]
    public async Task TheKmsKeyPatternIsTheSameInTerraformAndTheCdk()
    {
        var tf = Assert.Single((await Module.Value).ValidationRegexes("kms_key_arns")).ToString();
        var cdkSource = await File.ReadAllTextAsync(Path.Combine(CdkSynthesis.ProjectDirectory, "McpServerPropsValidator.cs"));
        Assert.Contains($"[GeneratedRegex(\"{tf}\")]", cdkSource);
    }

    [Fact]
    public async Task CdkRejectsAnAliasKeyAndInvertedCapacitiesBeforeSynthesizing()
    {
        var context = new Dictionary<string, string>(SampleInputs.Context)
        {
            ["kmsKeyArns"] = "arn:aws:kms:us-east-1:123456789012:alias/quilt-mcp",
            ["autoscaling"] = "{\"minCapacity\":4,\"maxCapacity\":2,\"cpuTargetPercent\":60}",
            ["vpcCidrBlock"] = "10.20.0.1/16",
        };
        var result = await cdk.RunSynthAsync("bad-options", context);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("kmsKeyArns entry must be a KMS key ARN", result.Combined);
        Assert.Contains("autoscaling needs 1 <= minCapacity <= maxCapacity", result.Combined);
        Assert.Contains("vpcCidrBlock must be the VPC's IPv4 CIDR block", result.Combined);
    }

    private static IEnumerable<JsonObject> AllStatements(JsonObject template) =>
        Infrastructure.Templates.Statements(template, "TaskRole").Concat(Infrastructure.Templates.Statements(template, "ExecutionRole"));
}
