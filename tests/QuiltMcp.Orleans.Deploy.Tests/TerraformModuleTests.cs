using System.Text.Json.Nodes;
using QuiltMcp.Orleans.Deploy.Tests.Infrastructure;

namespace QuiltMcp.Orleans.Deploy.Tests;

public sealed class TerraformModuleTests
{
    private static readonly Lazy<Task<TerraformConfiguration>> Module = new(() => TerraformConfiguration.LoadAsync(TerraformConfiguration.ModuleDirectory));
    private static readonly Lazy<Task<TerraformConfiguration>> Root = new(() => TerraformConfiguration.LoadAsync(TerraformConfiguration.RootDirectory));

    [Fact]
    public void ModuleHasTheStandardFiles()
    {
        foreach (var file in new[] { "main.tf", "variables.tf", "outputs.tf", "README.md" })
        {
            Assert.True(File.Exists(Path.Combine(TerraformConfiguration.ModuleDirectory, file)), $"modules/mcp_server/{file} is missing");
        }

        Assert.True(File.Exists(Path.Combine(TerraformConfiguration.RootDirectory, "mcp-server.tf")));
        Assert.True(File.Exists(Path.Combine(TerraformConfiguration.RootDirectory, "variables.tf")));
    }

    [Theory]
    [InlineData("module")]
    [InlineData("root")]
    public async Task EveryVarReferenceIsDeclared(string which)
    {
        var configuration = await (which == "module" ? Module : Root).Value;
        var declared = configuration.Variables.Keys.ToHashSet();
        var undeclared = configuration.VariableReferences().Except(declared).Order().ToList();
        Assert.True(undeclared.Count == 0, $"var.{string.Join(", var.", undeclared)} used but not declared");
        Assert.NotEmpty(configuration.VariableReferences());
    }

    [Theory]
    [InlineData("module")]
    [InlineData("root")]
    public async Task EveryVariableIsTypedAndDescribedAndUsed(string which)
    {
        var configuration = await (which == "module" ? Module : Root).Value;
        var used = configuration.VariableReferences();
        foreach (var (name, body) in configuration.Variables)
        {
            Assert.False(string.IsNullOrWhiteSpace(Json.Text(body["type"])), $"variable {name} has no type");
            Assert.True((Json.Text(body["description"]) ?? string.Empty).Length >= 15, $"variable {name} has no real description");
            Assert.Contains(name, used);
        }
    }

    [Fact]
    public async Task DefaultsAreTheSpecifiedOnes()
    {
        var variables = (await Module.Value).Variables;
        Assert.Equal("[]", variables["secret_arns"]["default"]!.ToJsonString());
        Assert.Equal("[\"0.0.0.0/0\"]", variables["egress_cidr_blocks"]["default"]!.ToJsonString());
        Assert.False(variables["enable_execute_command"]["default"]!.GetValue<bool>());
        Assert.Equal(256, Json.Number(variables["cpu"]["default"]));
        Assert.Equal(512, Json.Number(variables["memory"]["default"]));
        Assert.Equal(30, Json.Number(variables["log_retention_days"]["default"]));
        Assert.Equal(8000, Json.Number(variables["container_port"]["default"]));
        Assert.Equal(11111, Json.Number(variables["silo_port"]["default"]));
        Assert.Equal(30, Json.Number(variables["shutdown_timeout_seconds"]["default"]));
        Assert.Equal("[]", variables["assumable_role_arns"]["default"]!.ToJsonString());
        Assert.Equal("[]", variables["kms_key_arns"]["default"]!.ToJsonString());
        Assert.True(variables["autoscaling"].ContainsKey("default"));
        Assert.Null(variables["autoscaling"]["default"]);
    }

    [Theory]
    [InlineData(SampleInputs.SecretsKey, true)]
    [InlineData(SampleInputs.MultiRegionKey, true)]
    [InlineData("arn:aws:kms:us-east-1:123456789012:alias/quilt-mcp", false)] // IAM does not match keys by alias
    [InlineData("arn:aws:kms:us-east-1:123456789012:key/*", false)]
    [InlineData("1234abcd-12ab-34cd-56ef-1234567890ab", false)] // a bare key id
    public async Task KmsKeysMustBeKeyArns(string arn, bool valid)
    {
        var regex = Assert.Single((await Module.Value).ValidationRegexes("kms_key_arns"));
        Assert.Equal(valid, regex.IsMatch(arn));
    }

    /// <summary>
    /// Terraform cannot run here, so the conditions are not evaluated (the regex tests around this one evaluate the
    /// patterns that matter most); what is checked is that each such input has a condition on its own value, that its
    /// regexes compile, and that the refusal names the input.
    /// </summary>
    [Fact]
    public async Task InputsWithKnowableBadValuesHaveAConditionOnTheirValueAndAMessageNamingThem()
    {
        var module = await Module.Value;
        string[] mustValidate =
        [
            "name", "aws_region", "vpc_id", "private_subnet_ids", "ecs_cluster_arn", "alb_listener_arn", "alb_security_group_ids",
            "host_header", "path_patterns", "listener_rule_priority", "container_image", "ecr_repository_arn", "app_version",
            "catalog_url", "cpu", "memory", "desired_count", "container_port", "silo_port", "cluster_id", "service_id",
            "membership_table_name", "grain_state_table_name", "secret_arns", "egress_cidr_blocks", "assumable_role_arns",
            "log_retention_days", "shutdown_timeout_seconds", "health_check_grace_period_seconds", "extra_environment", "autoscaling",
            "kms_key_arns", "cluster_certificate_secret", "alarm_sns_topic_arn", "alarm_target_5xx_count", "alarm_target_response_time_seconds", "alarm_cpu_percent",
            "alarm_memory_percent", "alarm_role_assumption_failures", "waf_web_acl_arn", "private_route_table_ids",
        ];
        foreach (var name in mustValidate)
        {
            var validations = Json.AsArray(module.Variables[name]["validation"]);
            Assert.True(validations.Count > 0, $"variable {name} has no validation");
            Assert.All(validations, v =>
            {
                Assert.Matches($@"\bvar\.{name}\b", Json.Text(v!["condition"]) ?? "");
                Assert.Contains(name, Json.Text(v["error_message"]) ?? "");
            });
            _ = module.ValidationRegexes(name); // throws if a pattern does not compile
        }
    }

    [Theory]
    [InlineData(SampleInputs.JwtSecretReference, true)]
    [InlineData(SampleInputs.JwtSecret + ":MCP_ENHANCED_JWT_KID:AWSPREVIOUS:", true)]
    [InlineData(SampleInputs.JwtSecret, false)] // no JSON key: nothing names the variable
    [InlineData("arn:aws:secretsmanager:us-east-1:123456789012:secret:quilt-mcp/jwt:MCP_ENHANCED_JWT_SECRET::", false)] // partial ARN
    [InlineData("arn:aws:ssm:us-east-1:123456789012:parameter/jwt:MCP_ENHANCED_JWT_SECRET::", false)]
    public async Task SecretReferencesAreValidated(string reference, bool valid)
    {
        var regex = Assert.Single((await Module.Value).ValidationRegexes("secret_arns"));
        Assert.Equal(valid, regex.IsMatch(reference));
    }

    [Theory]
    [InlineData(SampleInputs.Image, true)]
    [InlineData("registry.example.com:5000/quilt-mcp:1a2b3c4", true)]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/quilt-mcp@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true)]
    [InlineData("123456789012.dkr.ecr.us-east-1.amazonaws.com/quilt-mcp", false)] // no tag
    [InlineData("registry.example.com:5000/quilt-mcp", false)]
    public async Task ContainerImageMustBePinned(string image, bool valid)
    {
        var regex = Assert.Single((await Module.Value).ValidationRegexes("container_image"));
        Assert.Equal(valid, regex.IsMatch(image));
    }

    [Theory]
    [InlineData(SampleInputs.UserRoles, true)]
    [InlineData(SampleInputs.ReaderRole, true)]
    [InlineData("arn:aws:iam::123456789012:user/alice", false)]
    [InlineData("arn:aws:s3:::bucket", false)]
    public async Task AssumableRolesMustBeRoleArns(string arn, bool valid)
    {
        var regex = Assert.Single((await Module.Value).ValidationRegexes("assumable_role_arns"));
        Assert.Equal(valid, regex.IsMatch(arn));
        // role/* matches the pattern, so the condition rejects it separately.
        Assert.Contains("!endswith(r, \":role/*\")", Json.Text(Json.AsArray((await Module.Value).Variables["assumable_role_arns"]["validation"])[0]!["condition"]));
    }

    [Fact]
    public async Task RootPassesEveryVariableToTheModuleUnchanged()
    {
        var root = await Root.Value;
        var module = await Module.Value;
        var call = Json.AsArray(root.Blocks("module")["mcp_server"]).Single()!.AsObject();
        Assert.Equal("./modules/mcp_server", Json.Text(call["source"]));

        Assert.Equal(module.Variables.Keys.Order(), root.Variables.Keys.Order());
        foreach (var (name, body) in root.Variables)
        {
            Assert.Equal("${var." + name + "}", Json.Text(call[name]));
            Assert.Equal(Json.Text(module.Variables[name]["type"]), Json.Text(body["type"]));
            Assert.Equal(module.Variables[name]["default"]?.ToJsonString(), body["default"]?.ToJsonString());
        }
    }

    [Fact]
    public async Task ContainerSecretsComeFromSecretArnsAndOnlyThoseAreReadable()
    {
        var module = await Module.Value;
        var locals = module.Locals;
        Assert.Equal("${local.container_secrets}", Json.Text(locals["container_definition"]!["secrets"]));
        Assert.Equal("${concat(local.listed_secrets, local.certificate_secrets)}", Json.Text(locals["container_secrets"]));
        Assert.Contains("for ref in var.secret_arns", Json.Text(locals["listed_secrets"]));
        Assert.Contains("var.secret_arns", Json.Text(locals["secret_iam_arns"]));

        var execution = module.DataSource("aws_iam_policy_document", "execution");
        var secrets = Json.AsArray(execution["dynamic"]?["statement"]).Select(s => s!["content"]!.AsArray()[0]!)
            .Single(c => Json.Text(c["sid"]) == "ReadListedSecrets");
        Assert.Equal("[\"secretsmanager:GetSecretValue\"]", secrets["actions"]!.ToJsonString());
        Assert.Equal("${local.secret_iam_arns}", Json.Text(secrets["resources"]));
        Assert.DoesNotContain("secretsmanager:*", module.Text);
    }

    [Fact]
    public async Task ContainerDefinitionIsTheJsonOfTheLocalDefinition()
    {
        var module = await Module.Value;
        var task = module.Resource("aws_ecs_task_definition", "this");
        Assert.Equal("${jsonencode(concat([merge(local.container_definition, local.otel_app_settings)], local.otel_collector_containers))}", Json.Text(task["container_definitions"]));
        Assert.Equal("${tostring(var.cpu)}", Json.Text(task["cpu"]));
        Assert.Equal("awsvpc", Json.Text(task["network_mode"]));
        Assert.Equal("[\"FARGATE\"]", task["requires_compatibilities"]!.ToJsonString());
    }
}
