namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// An S3 request the access layer would not send because it does not address what its tool call was authorized
/// for. Reaching this means a check before it let something through: it is logged as a warning.
/// </summary>
public sealed class S3RequestRefusedException(string message) : Exception(message);
