using System.Text.Json.Nodes;
using QuiltMcp.Orleans.Deploy.Tests.Infrastructure;

namespace QuiltMcp.Orleans.Deploy.Tests;

/// <summary>
/// The optional WAF association and VPC endpoints: absent unless their input is set, and then the same resources in
/// the Terraform module (count / for_each), the CloudFormation template (Conditions) and the CDK app (props).
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class NetworkOptionsParityTests(CdkSynthesis cdk)
{
    private static readonly Lazy<Task<TerraformConfiguration>> Module = new(() => TerraformConfiguration.LoadAsync(TerraformConfiguration.ModuleDirectory));

    private const string LoadBalancerArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/sales-prod/0123456789abcdef";
    private static readonly string[] InterfaceServices = ["sts", "ecr.api", "ecr.dkr", "logs", "secretsmanager"];
    private static readonly string[] GatewayServices = ["dynamodb", "s3"];
    private static readonly string[] OptionalTypes = ["AWS::WAFv2::WebACLAssociation", "AWS::EC2::VPCEndpoint"];

    private static JsonObject RenderedCloudFormation(IReadOnlyDictionary<string, string>? overrides = null) =>
        TemplateRenderer.Render(Templates.CloudFormation(), SampleInputs.CloudFormationParameters(overrides));

    private static JsonObject RenderedCdk(JsonObject synthesized) =>
        TemplateRenderer.Render(synthesized, new Dictionary<string, string> { ["AWS::Region"] = "us-east-1", ["AWS::AccountId"] = SampleInputs.Account });

    private static List<JsonObject> Properties(JsonObject rendered, string type) => [.. Templates.OfType(rendered, type).Select(r => r.Resource["Properties"]!.AsObject())];

    /// <summary>Endpoints as canonical property text, in a stable order.</summary>
    private static List<string> Endpoints(JsonObject rendered) =>
        [.. Properties(rendered, "AWS::EC2::VPCEndpoint").Select(TemplateRenderer.Canonical).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task WafAndVpcEndpointsAreOffByDefaultInEveryForm()
    {
        var module = await Module.Value;
        Assert.Equal(string.Empty, Json.Text(module.Variables["waf_web_acl_arn"]["default"]));
        Assert.False(module.Variables["enable_vpc_endpoints"]["default"]!.GetValue<bool>());
        Assert.Equal("[]", module.Variables["private_route_table_ids"]["default"]!.ToJsonString());
        Assert.Equal("${var.waf_web_acl_arn == \"\" ? 0 : 1}", Json.Text(module.Resource("aws_wafv2_web_acl_association", "this")["count"]));
        Assert.Equal("${var.enable_vpc_endpoints ? 1 : 0}", Json.Text(module.Resource("aws_security_group", "vpc_endpoints")["count"]));
        Assert.Equal("${var.enable_vpc_endpoints ? toset(local.interface_endpoint_services) : toset([])}", Json.Text(module.Resource("aws_vpc_endpoint", "interface")["for_each"]));
        Assert.Equal("${var.enable_vpc_endpoints ? toset(local.gateway_endpoint_services) : toset([])}", Json.Text(module.Resource("aws_vpc_endpoint", "gateway")["for_each"]));

        var parameters = Templates.CloudFormation()["Parameters"]!;
        Assert.Equal(string.Empty, Json.Text(parameters["WafWebAclArn"]!["Default"]));
        Assert.Equal("false", Json.Text(parameters["EnableVpcEndpoints"]!["Default"]));
        foreach (var rendered in new[] { RenderedCloudFormation(), RenderedCdk(cdk.Default), RenderedCdk(cdk.WithOptions) })
        {
            Assert.DoesNotContain(rendered["Resources"]!.AsObject(), r => OptionalTypes.Contains(Json.Text(r.Value!["Type"])));
            Assert.Single(Templates.OfType(rendered, "AWS::EC2::SecurityGroup"));
        }

        // Setting the inputs is what brings the resources: the check above cannot pass by them never existing.
        var enabled = RenderedCloudFormation(SampleInputs.NetworkParameters);
        Assert.Single(Templates.OfType(enabled, "AWS::WAFv2::WebACLAssociation"));
        Assert.Equal(7, Templates.OfType(enabled, "AWS::EC2::VPCEndpoint").Count());
    }

    [Fact]
    public async Task EachOptionComesAloneWithItsOwnInput()
    {
        var wafOnly = RenderedCloudFormation(new Dictionary<string, string> { ["WafWebAclArn"] = SampleInputs.WebAcl });
        Assert.Single(Templates.OfType(wafOnly, "AWS::WAFv2::WebACLAssociation"));
        Assert.Empty(Templates.OfType(wafOnly, "AWS::EC2::VPCEndpoint"));

        var endpointsOnly = RenderedCloudFormation(new Dictionary<string, string> { ["EnableVpcEndpoints"] = "true", ["PrivateRouteTableIds"] = SampleInputs.RouteTables });
        Assert.Empty(Templates.OfType(endpointsOnly, "AWS::WAFv2::WebACLAssociation"));
        Assert.Equal(7, Templates.OfType(endpointsOnly, "AWS::EC2::VPCEndpoint").Count());

        var module = await Module.Value;
        Assert.DoesNotContain("waf", Json.Text(module.Resource("aws_vpc_endpoint", "interface")["for_each"]), StringComparison.Ordinal);
        Assert.DoesNotContain("endpoint", Json.Text(module.Resource("aws_wafv2_web_acl_association", "this")["count"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWebAclIsAssociatedWithTheListenersLoadBalancerInEveryForm()
    {
        var cloudFormation = Assert.Single(Properties(RenderedCloudFormation(SampleInputs.NetworkParameters), "AWS::WAFv2::WebACLAssociation"));
        var synthesized = Assert.Single(Properties(RenderedCdk(cdk.WithMonitoringOptions), "AWS::WAFv2::WebACLAssociation"));
        Assert.Equal(TemplateRenderer.Canonical(cloudFormation), TemplateRenderer.Canonical(synthesized));
        Assert.Equal(LoadBalancerArn, Json.Text(cloudFormation["ResourceArn"]));
        Assert.Equal(SampleInputs.WebAcl, Json.Text(cloudFormation["WebACLArn"]));

        var module = await Module.Value;
        var tf = module.Resource("aws_wafv2_web_acl_association", "this");
        Assert.Equal("${local.alb_arn}", Json.Text(tf["resource_arn"]));
        Assert.Equal("${var.waf_web_acl_arn}", Json.Text(tf["web_acl_arn"]));
        Assert.Equal("${replace(join(\"/\", slice(split(\"/\", var.alb_listener_arn), 0, 4)), \":listener/\", \":loadbalancer/\")}", Json.Text(module.Locals["alb_arn"]));
        // What that expression computes for the sample listener.
        var listener = SampleInputs.Context["albListenerArn"];
        Assert.Equal(LoadBalancerArn, string.Join('/', listener.Split('/')[..4]).Replace(":listener/", ":loadbalancer/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task VpcEndpointsAreTheSameServicesAndPlacementInEveryForm()
    {
        var rendered = RenderedCloudFormation(SampleInputs.NetworkParameters);
        var synthesized = RenderedCdk(cdk.WithMonitoringOptions);
        Assert.Equal(Endpoints(rendered), Endpoints(synthesized));

        var endpoints = Properties(rendered, "AWS::EC2::VPCEndpoint").ToDictionary(e => Json.Text(e["ServiceName"])!);
        Assert.Equal(InterfaceServices.Concat(GatewayServices).Select(s => "com.amazonaws.us-east-1." + s).Order(StringComparer.Ordinal), endpoints.Keys.Order(StringComparer.Ordinal));
        var subnets = SampleInputs.Context["privateSubnetIds"].Split(',');
        foreach (var service in InterfaceServices)
        {
            var endpoint = endpoints["com.amazonaws.us-east-1." + service];
            Assert.Equal("Interface", Json.Text(endpoint["VpcEndpointType"]));
            Assert.True(endpoint["PrivateDnsEnabled"]!.GetValue<bool>());
            Assert.Equal(subnets, Json.AsArray(endpoint["SubnetIds"]).Select(Json.Text));
            Assert.Equal(["<AWS::EC2::SecurityGroup.GroupId>"], Json.AsArray(endpoint["SecurityGroupIds"]).Select(Json.Text));
            Assert.Null(endpoint["RouteTableIds"]);
        }

        foreach (var service in GatewayServices)
        {
            var endpoint = endpoints["com.amazonaws.us-east-1." + service];
            Assert.Equal("Gateway", Json.Text(endpoint["VpcEndpointType"]));
            Assert.Equal(SampleInputs.RouteTables.Split(','), Json.AsArray(endpoint["RouteTableIds"]).Select(Json.Text));
            Assert.Null(endpoint["SubnetIds"]);
        }

        // The module: the same services, the same placement.
        var module = await Module.Value;
        Assert.Equal(InterfaceServices, Json.AsArray(module.Locals["interface_endpoint_services"]).Select(Json.Text));
        Assert.Equal(GatewayServices, Json.AsArray(module.Locals["gateway_endpoint_services"]).Select(Json.Text));
        var tfInterface = module.Resource("aws_vpc_endpoint", "interface");
        Assert.Equal("com.amazonaws.${var.aws_region}.${each.key}", Json.Text(tfInterface["service_name"]));
        Assert.Equal("Interface", Json.Text(tfInterface["vpc_endpoint_type"]));
        Assert.True(tfInterface["private_dns_enabled"]!.GetValue<bool>());
        Assert.Equal("${var.private_subnet_ids}", Json.Text(tfInterface["subnet_ids"]));
        Assert.Equal("[\"${aws_security_group.vpc_endpoints[0].id}\"]", tfInterface["security_group_ids"]!.ToJsonString());
        var tfGateway = module.Resource("aws_vpc_endpoint", "gateway");
        Assert.Equal("com.amazonaws.${var.aws_region}.${each.key}", Json.Text(tfGateway["service_name"]));
        Assert.Equal("Gateway", Json.Text(tfGateway["vpc_endpoint_type"]));
        Assert.Equal("${var.private_route_table_ids}", Json.Text(tfGateway["route_table_ids"]));
    }

    [Fact]
    public async Task TheEndpointsAdmitOnlyHttpsFromTheTasksInEveryForm()
    {
        // Raw templates, so the source group can be told apart from the endpoints' own group.
        foreach (var (template, endpointId) in new[] { (Templates.CloudFormation(), "VpcEndpointSecurityGroup"), (cdk.WithMonitoringOptions, "VpcEndpointSecurityGroup") })
        {
            var group = Templates.Named(template, "AWS::EC2::SecurityGroup", endpointId);
            var ingress = Json.AsArray(group["SecurityGroupIngress"]).Single()!;
            Assert.Equal("tcp", Json.Text(ingress["IpProtocol"]));
            Assert.Equal(443, Json.Number(ingress["FromPort"]));
            Assert.Equal(443, Json.Number(ingress["ToPort"]));
            Assert.Null(ingress["CidrIp"]);
            var serviceGroupId = Templates.OfType(template, "AWS::EC2::SecurityGroup").Single(g => g.Id.Contains("ServiceSecurityGroup", StringComparison.Ordinal)).Id;
            Assert.Equal($"{{\"Fn::GetAtt\":[\"{serviceGroupId}\",\"GroupId\"]}}", ingress["SourceSecurityGroupId"]!.ToJsonString());
        }

        var rendered = TemplateRenderer.Canonical(Properties(RenderedCloudFormation(SampleInputs.NetworkParameters), "AWS::EC2::SecurityGroup").Single(g => Json.Text(g["GroupDescription"])!.Contains("endpoints", StringComparison.Ordinal)));
        var synthesized = TemplateRenderer.Canonical(Properties(RenderedCdk(cdk.WithMonitoringOptions), "AWS::EC2::SecurityGroup").Single(g => Json.Text(g["GroupDescription"])!.Contains("endpoints", StringComparison.Ordinal)));
        Assert.Equal(rendered, synthesized);

        var tf = (await Module.Value).Resource("aws_security_group", "vpc_endpoints");
        var tfIngress = Json.AsArray(tf["ingress"]).Single()!;
        Assert.Equal(443, Json.Number(tfIngress["from_port"]));
        Assert.Equal(443, Json.Number(tfIngress["to_port"]));
        Assert.Equal("tcp", Json.Text(tfIngress["protocol"]));
        Assert.Equal("[\"${aws_security_group.service.id}\"]", tfIngress["security_groups"]!.ToJsonString());
        Assert.Null(tfIngress["cidr_blocks"]);
    }

    [Fact]
    public async Task EndpointsWithoutRouteTablesAreRefusedInEveryForm()
    {
        var module = await Module.Value;
        var precondition = Json.AsArray(Json.AsArray(module.Resource("aws_security_group", "vpc_endpoints")["lifecycle"]).Single()!["precondition"]).Single()!;
        Assert.Equal("${length(var.private_route_table_ids) > 0}", Json.Text(precondition["condition"]));
        Assert.Contains("private_route_table_ids", Json.Text(precondition["error_message"]), StringComparison.Ordinal);

        var rule = Templates.CloudFormation()["Rules"]!["VpcEndpointsNeedRouteTables"]!;
        Assert.Equal("{\"Fn::Equals\":[{\"Ref\":\"EnableVpcEndpoints\"},\"true\"]}", rule["RuleCondition"]!.ToJsonString());
        var assertion = Json.AsArray(rule["Assertions"]).Single()!;
        Assert.Equal("{\"Fn::Not\":[{\"Fn::Contains\":[{\"Ref\":\"PrivateRouteTableIds\"},\"\"]}]}", assertion["Assert"]!.ToJsonString());
        // CloudFormation refuses the stack before creating anything: without route tables (the default, one empty entry),
        // and with an empty entry among them; route tables alone, or no endpoints, pass.
        var refused = Assert.Throws<InvalidDataException>(() => RenderedCloudFormation(new Dictionary<string, string> { ["EnableVpcEndpoints"] = "true" }));
        Assert.Equal("Rule VpcEndpointsNeedRouteTables fails: EnableVpcEndpoints=true needs PrivateRouteTableIds for the DynamoDB and S3 gateway endpoints.", refused.Message);
        Assert.Throws<InvalidDataException>(() => RenderedCloudFormation(new Dictionary<string, string> { ["EnableVpcEndpoints"] = "true", ["PrivateRouteTableIds"] = "rtb-0123456789abcdef0," }));
        Assert.Equal(7, Templates.OfType(RenderedCloudFormation(new Dictionary<string, string> { ["EnableVpcEndpoints"] = "true", ["PrivateRouteTableIds"] = "rtb-0123456789abcdef0" }), "AWS::EC2::VPCEndpoint").Count());
        Assert.Empty(Templates.OfType(RenderedCloudFormation(new Dictionary<string, string> { ["PrivateRouteTableIds"] = SampleInputs.RouteTables }), "AWS::EC2::VPCEndpoint"));

        var context = new Dictionary<string, string>(SampleInputs.Context)
        {
            ["enableVpcEndpoints"] = "true",
            ["wafWebAclArn"] = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/quilt-mcp/0123abcd-0123-4567-89ab-0123456789ab",
        };
        var result = await cdk.RunSynthAsync("bad-network-options", context);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("enableVpcEndpoints needs privateRouteTableIds", result.Combined, StringComparison.Ordinal);
        Assert.Contains("wafWebAclArn must be a regional WAFv2 web ACL ARN", result.Combined, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWebAclPatternIsTheSameEverywhereAndRefusesGlobalAcls()
    {
        var tf = Assert.Single((await Module.Value).ValidationRegexes("waf_web_acl_arn"));
        Assert.Matches(tf, string.Empty);
        Assert.Matches(tf, SampleInputs.WebAcl);
        // A CloudFront (global) web ACL cannot be associated with a load balancer.
        Assert.DoesNotMatch(tf, SampleInputs.WebAcl.Replace(":regional/", ":global/", StringComparison.Ordinal));
        Assert.Equal(tf.ToString(), Json.Text(Templates.CloudFormation()["Parameters"]!["WafWebAclArn"]!["AllowedPattern"]));
        var cdkSource = await File.ReadAllTextAsync(Path.Combine(CdkSynthesis.ProjectDirectory, "McpServerPropsValidator.cs"));
        Assert.Contains($"[GeneratedRegex(\"{tf.ToString()["^$|".Length..]}\")]", cdkSource);
    }
}
