namespace SlackFeedbackBot.Slack.Dispatch;

/// <summary>
/// Thrown by the dispatcher or a handler for a request that can never be handled, however often it is tried (a
/// payload without the user, actions or view it needs): the inbox parks it at once instead of retrying it.
/// </summary>
public sealed class UnhandleableRequestException(string reason) : Exception(reason);
