using System.Runtime.CompilerServices;

namespace QuiltMcp.Orleans.S3Tools.Tests.Support;

/// <summary>The kit's task credentials, set before any test so the default chain finds them.</summary>
internal static class AwsProcessEnvironment
{
    [ModuleInitializer]
    internal static void Initialize() => TaskCredentials.Apply();
}
