using System.Net;
using System.Text.Json.Nodes;
using QuiltMcp.Orleans.Security.Tests.Target;

namespace QuiltMcp.Orleans.Security.Tests.Cases;

/// <summary>
/// After the server has done real work with real secrets in play (tokens of every issuer, assumed-role credentials
/// from STS, presigned links, refusals of forged tokens), its log holds none of them: no bearer token or signature, no
/// signing secret, no AWS secret or session token, no presigned signature.
/// </summary>
public sealed class ConfidentialityTests(HostileTarget target) : CorpusTest(target)
{
    [Fact]
    public async Task The_log_never_holds_a_token_a_secret_a_credential_or_a_presigned_signature()
    {
        var from = Target.Log.Count;
        var quilt = await Target.QuiltTokenAsync("confidential");
        var oidc = await Target.OidcTokenAsync("confidential");
        var forged = quilt[..^4] + "AAAA";

        var read = await SendAsync(Wire.ToolCall(quilt, "bucket_object_text", new JsonObject { ["s3_uri"] = $"s3://{HostileTarget.GrantedBucket}/data/readme.txt" }));
        var identity = await SendAsync(Wire.ToolCall(quilt, "aws_identity", null));
        var link = await SendAsync(Wire.ToolCall(quilt, "bucket_object_link", new JsonObject { ["s3_uri"] = $"s3://{HostileTarget.GrantedBucket}/data/readme.txt" }));
        var catalog = await SendAsync(Wire.ToolCall(quilt, "bucket_list", null));
        var status = await SendAsync(Wire.ToolCall(oidc, "auth_status", null));
        var refused = await SendAsync(Wire.ToolCall(forged, "auth_status", null));
        var denied = await SendAsync(Wire.ToolCall(quilt, "bucket_object_text", new JsonObject { ["s3_uri"] = $"s3://{HostileTarget.OtherBucket}/secret.txt" }));

        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.False(read.IsToolError, read.Body);
        Assert.Contains("credentials_expire_at", identity.ToolText, StringComparison.Ordinal);
        var url = JsonNode.Parse(link.ToolText)!["url"]!.GetValue<string>();
        var signature = url[(url.IndexOf("X-Amz-Signature=", StringComparison.Ordinal) + 16)..].Split('&')[0];
        Assert.Equal(64, signature.Length);
        Assert.True(catalog.After.CatalogQueries > catalog.Before.CatalogQueries);
        Assert.Equal(HttpStatusCode.OK, status.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.True(denied.IsToolError);

        var lines = Target.Log.Lines(from);
        Assert.NotEmpty(lines);
        var roleCredentials = Target.Sts.IssuedFor(HostileTarget.RoleArn(HostileTarget.ReaderRole));
        Assert.NotEmpty(roleCredentials);
        AssertNotLogged(lines, [
            quilt, oidc, forged,
            quilt.Split('.')[2], oidc.Split('.')[2],
            JoseTokenFixture.QuiltSecret,
            TaskCredentials.SecretAccessKey,
            .. roleCredentials.SelectMany(credentials => new[] { credentials.SecretAccessKey, credentials.SessionToken }),
            signature,
            HostileTarget.SecretObjectText,
        ]);
        Assert.DoesNotContain(lines, line => line.Contains("X-Amz-Signature", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(lines, line => line.Contains("Bearer ey", StringComparison.Ordinal));
    }
}
