using System.Collections.Frozen;
using System.Text.Json;
using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Slack.Outbox;

/// <summary>What a failed attempt means for its task.</summary>
public enum OutboxFailureKind
{
    /// <summary>Slack asked to wait (HTTP 429): try again after its Retry-After.</summary>
    RateLimited,

    /// <summary>Network, timeout, 5xx, Slack's own internal errors: try again with backoff.</summary>
    Transient,

    /// <summary>Slack will never accept this request as it is: stop.</summary>
    Permanent,
}

/// <summary>
/// Sorts failures. Slack documents the errors below as answers about the request itself (the channel, the person, the
/// token, the content), so sending it again cannot succeed. Only failures that say nothing about the request (network,
/// timeouts, HTTP 5xx, <c>internal_error</c>, <c>fatal_error</c>, <c>service_unavailable</c>, <c>request_timeout</c>)
/// are retried, as is any other exception, which may be the database or a bug fixed by the next release.
/// </summary>
public static class OutboxFailures
{
    public static readonly FrozenSet<string> TransientErrors = new[]
    {
        "network_error", "http_5xx", "internal_error", "fatal_error", "service_unavailable", "request_timeout",
        "invalid_response", "http_408", "ratelimited",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static readonly FrozenSet<string> PermanentErrors = new[]
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
    }.ToFrozenSet(StringComparer.Ordinal);

    public static OutboxFailureKind Classify(Exception exception) => exception switch
    {
        SlackApiException { ErrorCode: "ratelimited" } => OutboxFailureKind.RateLimited,
        SlackApiException slack when TransientErrors.Contains(slack.ErrorCode) || slack.ErrorCode.StartsWith("http_5", StringComparison.Ordinal) => OutboxFailureKind.Transient,
        SlackApiException slack when PermanentErrors.Contains(slack.ErrorCode) => OutboxFailureKind.Permanent,

        // Any other ok:false is Slack's answer about this request; asking again gets the same answer.
        SlackApiException => OutboxFailureKind.Permanent,

        // A payload that cannot be read never will be.
        JsonException or FormatException or ArgumentException => OutboxFailureKind.Permanent,
        _ => OutboxFailureKind.Transient,
    };

    /// <summary>What to store as the last error: Slack's code, or the exception's type (messages may carry secrets).</summary>
    public static string Describe(Exception exception) => exception switch
    {
        SlackApiException slack => $"{slack.Method}: {slack.ErrorCode}",
        _ => exception.GetType().Name,
    };
}
