using System.Runtime.CompilerServices;

namespace QuiltMcp.Orleans.Principals.Tests.Support;

/// <summary>
/// The "task credentials" every STS client in this test process signs with, as the ECS agent would provide them
/// through the default chain. Set once, before any test, and never changed; instance metadata probing is off so
/// a laptop without AWS never waits for it.
/// </summary>
internal static class AwsTestEnvironment
{
    public const string Region = "us-east-1";

    [ModuleInitializer]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIATESTTASKROLE");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "task-role-secret-for-tests");
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
    }
}
