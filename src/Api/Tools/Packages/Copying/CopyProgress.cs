using ModelContextProtocol;

namespace QuiltMcp.Orleans.Api.Tools.Packages.Copying;

/// <summary>
/// Progress of a copy in bytes, reported after every object and every part, so a long multipart copy shows movement.
/// Objects are copied in parallel; the count only grows, so the values sent only grow.
/// </summary>
public sealed class CopyProgress(IProgress<ProgressNotificationValue> progress, long totalBytes)
{
    private long _done;

    public void Add(long bytes, string message)
    {
        var done = Interlocked.Add(ref _done, bytes);
        progress.Report(new ProgressNotificationValue { Progress = done, Total = totalBytes, Message = message });
    }
}
