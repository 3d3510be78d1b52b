namespace QuiltMcp.Orleans.Grains.Sessions;

/// <summary>What a DELETE of a session did.</summary>
[GenerateSerializer, Alias("quilt.session-delete-status")]
public enum SessionDeleteStatus
{
    /// <summary>The session ended now; the processes holding it were told.</summary>
    Deleted,

    /// <summary>The cluster never saw this id.</summary>
    Unknown,

    /// <summary>It had ended before; nothing changed.</summary>
    AlreadyDeleted,

    /// <summary>It belongs to another principal; nothing changed.</summary>
    OwnedByAnother,
}
