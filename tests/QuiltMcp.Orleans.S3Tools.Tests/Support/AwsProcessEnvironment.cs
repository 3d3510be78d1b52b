using System.Runtime.CompilerServices;

namespace QuiltMcp.Orleans.S3Tools.Tests.Support;

/// <summary>
/// The server's own ("task") credentials for signing STS calls, set before any test so the default chain finds
/// them; instance-metadata probing is off so nothing waits for an EC2 endpoint.
/// </summary>
internal static class AwsProcessEnvironment
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIAS3TOOLSTASKROLE");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "s3-tools-task-secret");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }
}
