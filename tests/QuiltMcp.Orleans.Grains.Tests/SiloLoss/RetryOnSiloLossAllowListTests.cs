using QuiltMcp.Orleans.Grains.Health;
using QuiltMcp.Orleans.Grains.Principals;
using QuiltMcp.Orleans.Grains.Sessions;
using QuiltMcp.Orleans.Grains.SiloLoss;

namespace QuiltMcp.Orleans.Grains.Tests.SiloLoss;

/// <summary>
/// The grain calls sent again after a silo loss, listed here in full: a method added to a grain interface, or an
/// attribute added or dropped, changes this list, so whether a call is safe to repeat is decided in review.
/// </summary>
public sealed class RetryOnSiloLossAllowListTests
{
    private static readonly Type[] GrainInterfaces =
        [typeof(IPrincipalGrain), typeof(IMcpSessionGrain), typeof(IProcessSessionsGrain), typeof(IHealthProbeGrain)];

    [Fact]
    public void Exactly_the_principal_and_session_grain_calls_are_retried()
    {
        var marked = GrainInterfaces
            .SelectMany(type => type.GetMethods().Where(method => method.IsDefined(typeof(RetryOnSiloLossAttribute), inherit: false))
                .Select(method => $"{type.Name}.{method.Name}"))
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Equal(
            [
                "IMcpSessionGrain.DeleteAsync",
                "IMcpSessionGrain.RecordAsync",
                "IMcpSessionGrain.ResumeAsync",
                "IPrincipalGrain.GetCachedCredentialsExpiryAsync",
                "IPrincipalGrain.GetRoleCredentialsAsync",
                "IPrincipalGrain.GetSnapshotAsync",
                "IPrincipalGrain.IdentifyAsync",
            ],
            marked);
    }

    [Fact]
    public void Every_grain_interface_of_the_project_is_in_the_list_above()
    {
        var declared = typeof(IPrincipalGrain).Assembly.GetTypes()
            .Where(type => type.IsInterface && type.IsPublic && typeof(IGrain).IsAssignableFrom(type))
            .ToHashSet();

        Assert.Equal(declared, GrainInterfaces.ToHashSet());
    }
}
