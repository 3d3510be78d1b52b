using System.Runtime.CompilerServices;

namespace QuiltMcp.Orleans.Principals.Tests.Support;

/// <summary>
/// The AWS setting every server in this test process shares: the region, and the kit's task credentials, set once
/// before any test and never changed.
/// </summary>
internal static class AwsTestEnvironment
{
    public const string Region = "us-east-1";

    [ModuleInitializer]
    internal static void Initialize() => TaskCredentials.Apply();
}
