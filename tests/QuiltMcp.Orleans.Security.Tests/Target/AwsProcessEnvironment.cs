using System.Runtime.CompilerServices;

namespace QuiltMcp.Orleans.Security.Tests.Target;

/// <summary>
/// The server's own ("task") credentials, which it signs STS calls with, set before any test so the default chain
/// finds them; instance-metadata probing is off so nothing waits for an EC2 endpoint. The confidentiality checks look
/// for the secret in the logs.
/// </summary>
internal static class TaskCredentials
{
    public const string AccessKeyId = "AKIASECURITYTASKROLE";
    public const string SecretAccessKey = "security-corpus-task-secret-do-not-log";

    [ModuleInitializer]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", AccessKeyId);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", SecretAccessKey);
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }
}
