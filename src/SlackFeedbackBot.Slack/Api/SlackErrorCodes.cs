using System.Collections.Frozen;

namespace SlackFeedbackBot.Slack.Api;

/// <summary>
/// Slack's error codes in two kinds. <see cref="Permanent"/>: answers about the request itself (the conversation, the
/// person, the content, the token), so the same call gets the same answer later. <see cref="SaysSlackIsUnavailable"/>:
/// answers that say nothing about the request (network, timeouts, HTTP 5xx, Slack's internal errors, rate limits).
/// </summary>
public static class SlackErrorCodes
{
    public static readonly FrozenSet<string> Unavailable = new[]
    {
        "network_error", "http_5xx", "internal_error", "fatal_error", "service_unavailable", "request_timeout",
        "invalid_response", "http_408", "ratelimited",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static readonly FrozenSet<string> Permanent = new[]
    {
        // The conversation or person
        "channel_not_found", "is_archived", "not_in_channel", "user_not_found", "users_not_found", "account_inactive",
        "cannot_dm_bot", "user_not_in_channel", "user_disabled", "team_not_found", "messages_tab_disabled",
        "thread_not_found", "message_not_found", "cant_update_message", "edit_window_closed", "thread_locked",
        "restricted_action", "restricted_action_read_only_channel", "restricted_action_thread_only_channel",
        "restricted_action_non_threadable_channel", "ekm_access_denied", "team_access_not_granted", "no_permission",
        "access_denied", "not_allowed_token_type",
        // The content
        "invalid_blocks", "invalid_blocks_format", "msg_too_long", "no_text", "too_many_attachments", "invalid_attachments",
        "invalid_arguments", "invalid_arg_name", "invalid_array_arg", "invalid_charset", "invalid_form_data",
        "invalid_post_type", "missing_post_type", "invalid_name", "too_many_reactions", "invalid_metadata_format",
        "invalid_metadata_schema", "metadata_too_large", "duplicate_channel_not_found", "duplicate_message_not_found",
        // The token or app
        "invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive", "missing_scope",
        "two_factor_setup_required", "org_login_required", "method_deprecated", "deprecated_endpoint",
        // A response_url that expired or was used up
        "expired_url", "used_url", "http_404", "http_410",
        // Interactions and lookups
        "already_reacted", "cant_delete_message", "cant_dm_bot", "user_is_bot", "user_not_visible", "invalid_user",
        "invalid_users", "invalid_channel", "invalid_trigger_id", "expired_trigger_id", "exchanged_trigger_id",
        "trigger_exchanged", "view_not_found", "not_found",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static bool SaysSlackIsUnavailable(string errorCode) =>
        Unavailable.Contains(errorCode) || errorCode.StartsWith("http_5", StringComparison.Ordinal);
}
