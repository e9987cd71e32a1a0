using System.Text.Json;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Dispatch;

namespace SlackFeedbackBot.Slack.Inbox;

/// <summary>
/// Tells a failure that will happen again on every attempt (the payload cannot be read, or Slack refuses what it names)
/// from one that may pass (a timeout, a busy database, Slack unavailable): only the second kind is worth a retry.
/// </summary>
public static class HandlerFailure
{
    // Slack's answers about the request itself (who, where, what): the same call gets the same answer later.
    private static readonly HashSet<string> PermanentSlackErrors = new(StringComparer.Ordinal)
    {
        "user_not_found", "users_not_found", "user_not_visible", "user_disabled", "account_inactive",
        "channel_not_found", "not_in_channel", "is_archived", "cant_dm_bot", "user_is_bot",
        "message_not_found", "cant_update_message", "cant_delete_message", "thread_not_found",
        "invalid_blocks", "invalid_blocks_format", "invalid_arguments", "invalid_arg_name", "msg_too_long", "no_text",
        "invalid_trigger_id", "expired_trigger_id", "exchanged_trigger_id", "trigger_exchanged",
        "view_not_found", "not_found", "already_reacted", "too_many_reactions", "invalid_name",
        "restricted_action", "restricted_action_read_only_channel", "restricted_action_thread_only_channel",
        "restricted_action_non_threadable_channel", "invalid_user", "invalid_users", "invalid_channel",
    };

    public static bool IsPermanent(Exception ex) => ex switch
    {
        UnhandleableRequestException or JsonException or ArgumentException => true,
        SlackApiException slack => PermanentSlackErrors.Contains(slack.ErrorCode),
        AggregateException { InnerExceptions.Count: > 0 } many => many.InnerExceptions.All(IsPermanent),
        _ => false,
    };

    public static string Describe(Exception ex) => ex is SlackApiException slack
        ? $"{slack.Method}: {slack.ErrorCode}"
        : $"{ex.GetType().Name}: {ex.Message}";
}
