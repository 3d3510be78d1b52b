using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace QuiltMcp.Orleans.Silo.Clustering.Ecs;

/// <summary>
/// Replaces Orleans' own pick of the advertised address with the task's awsvpc address from the ECS metadata endpoint.
/// Runs after every other configuration of <see cref="EndpointOptions"/> so it wins, and fails start-up if the
/// endpoint cannot answer: advertising the wrong address would let the silo join and then be unreachable.
/// </summary>
public sealed class EcsAdvertisedAddressConfigurator(
    Uri metadataBaseUri,
    EcsTaskMetadataClient metadataClient,
    ILogger<EcsAdvertisedAddressConfigurator> logger) : IPostConfigureOptions<EndpointOptions>
{
    private const int Attempts = 3;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);

    public void PostConfigure(string? name, EndpointOptions options)
    {
        // Options are built once, synchronously, before the silo starts; blocking here delays only that start.
        var address = ResolveAsync().GetAwaiter().GetResult();
        logger.LogInformation("Advertising silo address {Address} from the ECS task metadata endpoint.", address);
        options.AdvertisedIPAddress = address;
    }

    private async Task<System.Net.IPAddress> ResolveAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var timeout = new CancellationTokenSource(AttemptTimeout);
                return await metadataClient.GetTaskIPv4AddressAsync(metadataBaseUri, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (attempt < Attempts && exception is HttpRequestException or OperationCanceledException)
            {
                // The agent serves the endpoint from container start, but a just-started task can see a transient miss.
                logger.LogWarning("ECS task metadata not reachable yet (attempt {Attempt} of {Attempts}): {Reason}", attempt, Attempts, exception.Message);
                await Task.Delay(RetryDelay).ConfigureAwait(false);
            }
        }
    }
}
