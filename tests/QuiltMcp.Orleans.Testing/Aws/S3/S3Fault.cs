namespace QuiltMcp.Orleans.Testing.Aws.S3;

/// <summary>
/// How <see cref="S3RecordingProxy"/> misbehaves for one bucket's requests, as a failing S3 does: answer an error
/// status with an S3 error code instead of forwarding, answer late (or never), or start an answer and stop sending.
/// Every request is still recorded; one whose client gave up while it was held is also recorded as aborted.
/// </summary>
public sealed record S3Fault
{
    /// <summary>Answer this status (with an S3 XML error naming <see cref="ErrorCode"/>) instead of forwarding; null forwards.</summary>
    public int? Status { get; init; }

    public string ErrorCode { get; init; } = "InternalError";

    /// <summary>How long each request is held before it is answered or forwarded; <see cref="Timeout.InfiniteTimeSpan"/> holds it until the client gives up.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Forward, send the answer's headers and at most this many bytes of its body, then send nothing more.</summary>
    public int? StallBodyAfterBytes { get; init; }

    /// <summary>Only the requests this accepts misbehave (and count towards <see cref="Times"/>); null: every request for the bucket.</summary>
    public Func<S3Request, bool>? When { get; init; }

    /// <summary>How many requests misbehave; null: every request until the fault is removed.</summary>
    public int? Times { get; init; }

    /// <summary>S3's answer to overload: 503 SlowDown.</summary>
    public static S3Fault SlowDown(int? times = null) => new() { Status = 503, ErrorCode = "SlowDown", Times = times };

    /// <summary>S3's answer to an internal failure: 500 InternalError.</summary>
    public static S3Fault InternalError(int? times = null) => new() { Status = 500, ErrorCode = "InternalError", Times = times };

    /// <summary>An S3 that takes the request and never answers.</summary>
    public static S3Fault Hang(int? times = null) => new() { Delay = Timeout.InfiniteTimeSpan, Times = times };
}
