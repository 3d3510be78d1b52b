using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuiltMcp.Orleans.Api.Aws;
using QuiltMcp.Orleans.Api.Configuration;

namespace QuiltMcp.Orleans.Api.Tests.Aws;

public sealed class LocalS3NoticeTests
{
    [Fact]
    public async Task A_local_s3_is_announced_at_start_with_what_it_skips_and_what_still_holds()
    {
        var logs = await StartAsync(new DevelopmentOptions { LocalS3 = "http://127.0.0.1:4568" });

        var record = Assert.Single(logs.GetSnapshot());
        Assert.Equal(LogLevel.Information, record.Level);
        Assert.Equal(4010, record.Id.Id);
        Assert.Equal(
            "Development:LocalS3: data tools use the local S3 at http://127.0.0.1:4568 (path-style) with its fixed keys for every "
            + "caller; no role is assumed and STS is not called. Scopes, argument checks and, over HTTP, the token's bucket "
            + "grants and S3 permissions are still checked.",
            record.Message);
    }

    [Fact]
    public async Task Without_a_local_s3_nothing_is_said()
    {
        Assert.Empty((await StartAsync(new DevelopmentOptions())).GetSnapshot());
    }

    private static async Task<FakeLogCollector> StartAsync(DevelopmentOptions options)
    {
        var logs = new FakeLogCollector();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(new FakeLoggerProvider(logs)));
        var notice = new LocalS3Notice(Options.Create(options), loggers.CreateLogger<LocalS3Notice>());
        await notice.StartAsync(CancellationToken.None);
        await notice.StopAsync(CancellationToken.None);
        return logs;
    }
}
