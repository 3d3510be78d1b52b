using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using QuiltMcp.Orleans.Deploy.Tests.Infrastructure;

namespace QuiltMcp.Orleans.Deploy.Tests;

/// <summary>
/// Silo TLS in the three forms: on by default, the cluster certificate injected from Secrets Manager as the container
/// secret Cluster__Tls__Certificate (never a plain environment value), readable by the execution role through its own
/// statement, required while TLS is on, and gone with everything that reads it when an operator turns TLS off.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class SiloTlsIacTests(CdkSynthesis cdk)
{
    private static readonly Lazy<Task<TerraformConfiguration>> Module = new(() => TerraformConfiguration.LoadAsync(TerraformConfiguration.ModuleDirectory));

    public static TheoryData<string> Templates => new() { "cloudformation", "cdk" };

    [Fact]
    public async Task TlsIsOnByDefaultInEveryForm()
    {
        var module = await Module.Value;
        Assert.True(module.Variables["silo_tls_enabled"]["default"]!.GetValue<bool>());
        Assert.Equal("${tostring(var.silo_tls_enabled)}", Json.Text(module.Locals["managed_environment"]!["Cluster__Tls__Enabled"]));

        Assert.Equal("true", Json.Text(Infrastructure.Templates.CloudFormation()["Parameters"]!["EnableSiloTls"]!["Default"]));
        Assert.Equal("true", Environment(Rendered("cloudformation"))["Cluster__Tls__Enabled"]);
        Assert.Equal("true", Environment(Rendered("cdk"))["Cluster__Tls__Enabled"]);
    }

    [Theory]
    [MemberData(nameof(Templates))]
    public void TheCertificateIsAContainerSecretReadableOnlyThroughItsOwnStatement(string which)
    {
        var rendered = Rendered(which);
        var container = Infrastructure.Templates.Container(rendered);

        var certificate = Assert.Single(Json.AsArray(container["Secrets"]), s => Json.Text(s!["Name"]) == SampleInputs.CertificateVariable)!;
        Assert.Equal(SampleInputs.ClusterCertificateSecret, Json.Text(certificate["ValueFrom"]));
        Assert.DoesNotContain(Json.AsArray(container["Environment"]), e => Json.Text(e!["Name"]) == SampleInputs.CertificateVariable);

        var statement = Assert.Single(Infrastructure.Templates.Statements(rendered, "ExecutionRole"), s => Json.Text(s["Sid"]) == "ReadClusterCertificate");
        Assert.Equal(["secretsmanager:GetSecretValue"], Infrastructure.Templates.Actions(statement));
        Assert.Equal([SampleInputs.ClusterCertificateSecret], Json.AsArray(statement["Resource"]).Select(Json.Text));
        Assert.DoesNotContain(SampleInputs.ClusterCertificateSecret, Json.Text(Infrastructure.Templates.Statements(rendered, "TaskRole").Aggregate(new JsonArray(), (all, s) => { all.Add(s.DeepClone()); return all; })));
    }

    [Fact]
    public void ACertificateUnderAJsonKeyIsInjectedByItsReferenceAndReadByItsSecretArn()
    {
        var reference = SampleInputs.ClusterCertificateSecret + ":pfx::";
        var rendered = TemplateRenderer.Render(Infrastructure.Templates.CloudFormation(),
            SampleInputs.CloudFormationParameters(new Dictionary<string, string> { ["ClusterCertificateSecret"] = reference }));

        var certificate = Assert.Single(Json.AsArray(Infrastructure.Templates.Container(rendered)["Secrets"]), s => Json.Text(s!["Name"]) == SampleInputs.CertificateVariable)!;
        Assert.Equal(reference, Json.Text(certificate["ValueFrom"]));
        var statement = Assert.Single(Infrastructure.Templates.Statements(rendered, "ExecutionRole"), s => Json.Text(s["Sid"]) == "ReadClusterCertificate");
        Assert.Equal([SampleInputs.ClusterCertificateSecret], Json.AsArray(statement["Resource"]).Select(Json.Text));
    }

    [Fact]
    public async Task TerraformInjectsTheCertificateAsASecretAndReadsItThroughItsOwnStatement()
    {
        var module = await Module.Value;
        var locals = module.Locals;
        Assert.Equal(SampleInputs.CertificateVariable, Json.Text(locals["certificate_variable"]));
        Assert.Equal("${var.silo_tls_enabled && var.cluster_certificate_secret != null}", Json.Text(locals["uses_certificate"]));
        Assert.Equal(
            "${local.uses_certificate ? [{ name = local.certificate_variable, valueFrom = var.cluster_certificate_secret }] : []}",
            Json.Text(locals["certificate_secrets"]));
        Assert.Contains("slice(split(\":\", var.cluster_certificate_secret), 0, 7)", Json.Text(locals["certificate_iam_arn"]));

        var statement = Json.AsArray(module.DataSource("aws_iam_policy_document", "execution")["dynamic"]?["statement"])
            .Single(s => Json.Text(s!["content"]![0]!["sid"]) == "ReadClusterCertificate")!;
        Assert.Equal("${local.uses_certificate ? [1] : []}", Json.Text(statement["for_each"]));
        Assert.Equal("[\"secretsmanager:GetSecretValue\"]", statement["content"]![0]!["actions"]!.ToJsonString());
        Assert.Equal("[\"${local.certificate_iam_arn}\"]", statement["content"]![0]!["resources"]!.ToJsonString());
    }

    [Theory]
    [InlineData(SampleInputs.ClusterCertificateSecret, true)]
    [InlineData(SampleInputs.ClusterCertificateSecret + ":pfx::", true)]
    [InlineData(SampleInputs.ClusterCertificateSecret + ":pfx:AWSPREVIOUS:", true)]
    [InlineData("arn:aws:secretsmanager:us-east-1:123456789012:secret:quilt-mcp/cluster-certificate", false)] // partial ARN
    [InlineData(SampleInputs.ClusterCertificateSecret + ":pfx", false)] // ECS needs the two trailing fields
    [InlineData("arn:aws:ssm:us-east-1:123456789012:parameter/cluster-certificate", false)]
    public async Task TheThreeFormsValidateTheCertificateReferenceWithTheSamePattern(string reference, bool valid)
    {
        var tf = Assert.Single((await Module.Value).ValidationRegexes("cluster_certificate_secret"));
        Assert.Equal(valid, tf.IsMatch(reference));

        var cfn = Json.Text(Infrastructure.Templates.CloudFormation()["Parameters"]!["ClusterCertificateSecret"]!["AllowedPattern"])!;
        Assert.Equal("^$|" + tf, cfn);
        Assert.Equal(valid, Regex.IsMatch(reference, cfn));
        var cdkSource = await File.ReadAllTextAsync(Path.Combine(CdkSynthesis.ProjectDirectory, "McpServerPropsValidator.cs"));
        Assert.Contains($"[GeneratedRegex(\"{tf}\")]", cdkSource);
    }

    [Fact]
    public async Task TlsOnWithoutACertificateIsRefusedBeforeAnythingIsDeployedInEveryForm()
    {
        var task = (await Module.Value).Resource("aws_ecs_task_definition", "this").ToJsonString();
        Assert.Contains("!var.silo_tls_enabled || var.cluster_certificate_secret != null", task);
        Assert.Contains("cluster_certificate_secret is required while silo_tls_enabled is true", task);

        var rule = Infrastructure.Templates.CloudFormation()["Rules"]!["SiloTlsNeedsACertificate"]!;
        Assert.Equal("{\"Fn::Equals\":[{\"Ref\":\"EnableSiloTls\"},\"true\"]}", rule["RuleCondition"]!.ToJsonString());
        var assertion = Json.AsArray(rule["Assertions"]).Single()!;
        Assert.Equal("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"ClusterCertificateSecret\"},\"\"]}]}", assertion["Assert"]!.ToJsonString());
        Assert.StartsWith("ClusterCertificateSecret is required while EnableSiloTls is \"true\"", Json.Text(assertion["AssertDescription"]));

        var context = new Dictionary<string, string>(SampleInputs.Context);
        context.Remove("clusterCertificateSecret");
        var result = await cdk.RunSynthAsync("tls-without-certificate", context);
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("clusterCertificateSecret is required while siloTlsEnabled is true", result.Combined);
    }

    [Fact]
    public async Task WithTlsOffNoFormInjectsOrMayReadACertificate()
    {
        var cloudFormation = TemplateRenderer.Render(Infrastructure.Templates.CloudFormation(),
            SampleInputs.CloudFormationParameters(new Dictionary<string, string> { ["EnableSiloTls"] = "false", ["ClusterCertificateSecret"] = "" }));
        var context = new Dictionary<string, string>(SampleInputs.Context) { ["siloTlsEnabled"] = "false" };
        context.Remove("clusterCertificateSecret");
        var synthesized = RenderedCdk(await cdk.SynthesizeAsync("tls-off", context));

        foreach (var rendered in new[] { cloudFormation, synthesized })
        {
            var container = Infrastructure.Templates.Container(rendered);
            Assert.Equal("false", Environment(rendered)["Cluster__Tls__Enabled"]);
            Assert.DoesNotContain(Json.AsArray(container["Secrets"]), s => Json.Text(s!["Name"]) == SampleInputs.CertificateVariable);
            Assert.DoesNotContain(Infrastructure.Templates.Statements(rendered, "ExecutionRole"), s => Json.Text(s["Sid"]) == "ReadClusterCertificate");
            Assert.DoesNotContain("AWS::NoValue", container.ToJsonString(), StringComparison.Ordinal);
        }
    }

    private JsonObject Rendered(string which) => which == "cdk"
        ? RenderedCdk(cdk.Default)
        : TemplateRenderer.Render(Infrastructure.Templates.CloudFormation(), SampleInputs.CloudFormationParameters());

    private static JsonObject RenderedCdk(JsonObject synthesized) =>
        TemplateRenderer.Render(synthesized, new Dictionary<string, string> { ["AWS::Region"] = "us-east-1", ["AWS::AccountId"] = SampleInputs.Account });

    private static Dictionary<string, string?> Environment(JsonObject rendered) =>
        Json.AsArray(Infrastructure.Templates.Container(rendered)["Environment"]).ToDictionary(e => Json.Text(e!["Name"])!, e => Json.Text(e!["Value"]));
}
