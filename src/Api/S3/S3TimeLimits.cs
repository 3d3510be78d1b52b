namespace QuiltMcp.Orleans.Api.S3;

/// <summary>
/// How long one S3 request may take (<see cref="Call"/>: every attempt and the back-off between them, until S3's answer
/// starts) and how long reading its body may go without receiving anything (<see cref="BodyIdle"/>). A body may take as
/// long as it keeps arriving: objects hashed for a package can be large.
/// </summary>
public sealed record S3TimeLimits(TimeSpan Call, TimeSpan BodyIdle);
