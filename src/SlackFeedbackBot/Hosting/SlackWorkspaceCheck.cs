using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Configuration;
using SlackFeedbackBot.Slack.Dispatch;

namespace SlackFeedbackBot.Hosting;

/// <summary>
/// At start, asks Slack (auth.test) whose the bot token is: a token Slack refuses, or a workspace other than
/// <c>Slack:TeamId</c>, is a configuration error. When Slack cannot be reached the bot starts anyway and keeps trying,
/// as it would after any outage.
/// </summary>
public static class SlackWorkspaceCheck
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>auth.test errors that mean the token itself is wrong, not that Slack is having a bad moment.</summary>
    public static readonly IReadOnlySet<string> TokenErrors = new HashSet<string>(StringComparer.Ordinal)
    {
        "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "not_allowed_token_type",
    };

    public static string? TeamMismatch(string? configured, string actual) =>
        string.IsNullOrWhiteSpace(configured) || string.Equals(configured.Trim(), actual, StringComparison.Ordinal)
            ? null
            : $"{SettingName.Of("Slack:TeamId")} is {configured.Trim()}, but the bot token belongs to workspace {actual}; set it to {actual}, leave it out, or use the token of workspace {configured.Trim()}.";

    public static string TokenRefused(string error) =>
        $"{SettingName.Of("Slack:BotToken")} is refused by Slack ({error}); copy the Bot User OAuth Token from the app's OAuth & Permissions page again (it changes when the app is reinstalled).";

    /// <summary>The problem with the token or the workspace; null when there is none, or Slack could not say.</summary>
    public static async Task<string?> RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var options = services.GetRequiredService<IOptions<SlackOptions>>().Value;
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SlackWorkspaceCheck).FullName!);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(ct);
        patience.CancelAfter(Patience);
        try
        {
            // Through the bot's identity, so the answer is kept for the dispatcher instead of asked again.
            var me = await services.GetRequiredService<SlackBotIdentity>().GetAsync(patience.Token);
            return TeamMismatch(options.TeamId, me.TeamId);
        }
        catch (SlackApiException ex) when (TokenErrors.Contains(ex.ErrorCode))
        {
            return TokenRefused(ex.ErrorCode);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is SlackApiException or OperationCanceledException or HttpRequestException or System.Text.Json.JsonException)
        {
            log.LogWarning("Could not ask Slack at {ApiBaseUrl} whose the bot token is ({Reason}); starting anyway",
                options.ApiBaseUrl, ex is SlackApiException api ? api.ErrorCode : ex.GetType().Name);
            return null;
        }
    }
}
