namespace QuiltMcp.Orleans.Testing.Aws.Sts;

/// <summary>
/// The server's own ("task") credentials in a test process, which it signs STS calls with, as the ECS agent would
/// provide them through the default chain. Instance-metadata probing is turned off so a machine without AWS never
/// waits for an EC2 endpoint. The secret is distinctive so confidentiality checks can look for it in the logs.
/// </summary>
public static class TaskCredentials
{
    public const string AccessKeyId = "AKIATESTTASKROLE";
    public const string SecretAccessKey = "test-task-role-secret-do-not-log";

    /// <summary>Sets them for this process; call it from a module initializer, before any test builds an AWS client.</summary>
    public static void Apply()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", AccessKeyId);
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", SecretAccessKey);
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }
}
