namespace QuiltMcp.Orleans.Grains.Sessions;

/// <summary>Why a session can or cannot be rebuilt for a caller.</summary>
[GenerateSerializer, Alias("quilt.session-resume-status")]
public enum SessionResumeStatus
{
    /// <summary>The caller owns the live session; its record comes with the answer.</summary>
    Resumed,

    /// <summary>The cluster never saw this id.</summary>
    Unknown,

    /// <summary>Its owner deleted it; it never comes back.</summary>
    Deleted,

    /// <summary>It belongs to another principal.</summary>
    OwnedByAnother,
}
