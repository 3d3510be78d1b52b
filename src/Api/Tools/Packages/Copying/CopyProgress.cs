using ModelContextProtocol;

namespace QuiltMcp.Orleans.Api.Tools.Packages.Copying;

/// <summary>
/// Progress of a copy in bytes, reported after every object and every part, so a long multipart copy shows movement.
/// Objects are copied in parallel: counting and reporting happen together, so the values are sent in the order they
/// grow.
/// </summary>
public sealed class CopyProgress(IProgress<ProgressNotificationValue> progress, long totalBytes)
{
    private readonly Lock _lock = new();
    private long _done;

    public void Add(long bytes, string message)
    {
        lock (_lock)
        {
            _done += bytes;
            progress.Report(new ProgressNotificationValue { Progress = _done, Total = totalBytes, Message = message });
        }
    }
}
