using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using QuiltMcp.Orleans.Api.Configuration;
using QuiltMcp.Orleans.Api.Identity;
using QuiltMcp.Orleans.Api.Telemetry;
using QuiltMcp.Orleans.Grains.Credentials;

namespace QuiltMcp.Orleans.Api.Aws;

/// <summary>
/// Resolves AWS access in the order the seed prescribes: the caller's role first; then, for
/// <c>desktop-stdio</c> only, the configured desktop role (<c>QUILT_USER_ROLE_ARN</c>); then, again for desktop
/// only, the default credential chain. A web caller without a role gets a clear error, never the server's own
/// task credentials. A development server with a local S3 (<c>Development:LocalS3</c>) skips all of that and signs
/// with the local server's fixed keys for every authenticated caller.
/// </summary>
public sealed class AwsCredentialsResolver(
    IOptionsMonitor<AwsOptions> options,
    IOptions<DevelopmentOptions> development,
    AwsRegionProvider regions,
    SessionTagBuilder sessionTags,
    LocalRoleCredentialCache localCredentials,
    QuiltMcpMetrics metrics) : IAwsCredentialsResolver
{
    public async Task<AwsAccess> ResolveAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (development.Value.UsesLocalS3)
        {
            return LocalDevelopment(caller);
        }

        var desktop = caller.IsDesktop;
        var roleArn = caller.Role?.Arn;
        var source = AwsCredentialSources.RequestRole;
        if (roleArn is null && desktop && !string.IsNullOrWhiteSpace(options.CurrentValue.DesktopRoleArn))
        {
            roleArn = options.CurrentValue.DesktopRoleArn;
            source = AwsCredentialSources.DesktopRole;
        }

        if (roleArn is null)
        {
            return desktop
                ? await DefaultChainAsync()
                : throw new AwsCredentialsUnavailableException(AwsCredentialsUnavailableException.NoRoleSelected,
                    "No AWS role is selected for this request (NoRoleSelected): send X-Quilt-User-Role with a role your "
                    + "token grants, or use a token with an aws_role_arn claim or a configured role.");
        }

        // Warm credentials this silo already got from the grain cost no grain call (LocalRoleCredentialCache's rules).
        if (localCredentials.TryGet(caller.PrincipalId, roleArn, out var credentials))
        {
            metrics.RecordCredentialLookup("hit");
        }
        else
        {
            var request = new RoleSessionRequest(roleArn, caller.Claims?.Subject ?? caller.PrincipalId, sessionTags.Build(caller.Credential));
            var grain = await caller.GetGrainAsync(cancellationToken);
            var result = await grain.GetRoleCredentialsAsync(request).WaitAsync(cancellationToken);
            if (result.Credentials is null)
            {
                metrics.RecordCredentialLookup("error");
                var code = result.ErrorCode ?? "Unknown";
                throw new AwsCredentialsUnavailableException(code,
                    $"AWS credentials for role {roleArn} are unavailable ({code}): {result.ErrorMessage}");
            }

            credentials = result.Credentials;
            localCredentials.Remember(caller.PrincipalId, credentials);
            metrics.RecordCredentialLookup(result.FromCache ? "hit" : "miss");
        }

        return new AwsAccess(
            new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken),
            regions.Region,
            roleArn,
            source,
            credentials.Expiration,
            credentials.AssumedRoleUserArn);
    }

    /// <summary>
    /// The local S3's keys, whatever role the request selected: there is no STS to assume it with. Anonymous callers
    /// (a development server may let them in) get no AWS access here either, as they get none through a role.
    /// </summary>
    private AwsAccess LocalDevelopment(Caller caller) =>
        caller.IsAuthenticated
            ? new AwsAccess(
                new BasicAWSCredentials(DevelopmentOptions.LocalS3AccessKey, DevelopmentOptions.LocalS3SecretKey),
                regions.Region,
                RoleArn: null,
                AwsCredentialSources.LocalDevelopment,
                Expiration: null,
                AssumedRoleUserArn: null)
            : throw new AwsCredentialsUnavailableException(AwsCredentialsUnavailableException.NotAuthenticated,
                "AWS access needs an authenticated caller (NotAuthenticated): send a bearer token.");

    private async Task<AwsAccess> DefaultChainAsync()
    {
        try
        {
            var credentials = await DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync();
            return new AwsAccess(credentials, regions.Region, RoleArn: null, AwsCredentialSources.DefaultChain, null, null);
        }
        catch (AmazonClientException failure)
        {
            throw new AwsCredentialsUnavailableException("NoDefaultCredentials",
                $"No local AWS credentials were found (NoDefaultCredentials): {failure.Message}");
        }
    }
}
