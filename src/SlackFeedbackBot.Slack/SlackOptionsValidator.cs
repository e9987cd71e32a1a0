using Microsoft.Extensions.Options;

namespace SlackFeedbackBot.Slack;

/// <summary>
/// Refuses to start with settings that cannot work: each message names the setting and the environment variable
/// that fills it, never its value.
/// </summary>
public sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.BotToken))
        {
            failures.Add("Slack:BotToken (SLACK_BOT_TOKEN) is required: the bot token (xoxb-...) from the app's OAuth & Permissions page");
        }

        switch (options.Mode)
        {
            case SlackMode.Http when string.IsNullOrWhiteSpace(options.SigningSecret):
                failures.Add("Slack:SigningSecret (SLACK_SIGNING_SECRET) is required in HTTP mode");
                break;
            case SlackMode.Socket when string.IsNullOrWhiteSpace(options.AppToken):
                failures.Add("Slack:AppToken (SLACK_APP_TOKEN) is required in Socket mode: an app-level token (xapp-...) with connections:write");
                break;
            case SlackMode.Socket when !options.AppToken!.StartsWith("xapp-", StringComparison.Ordinal):
                failures.Add("Slack:AppToken (SLACK_APP_TOKEN) must be an app-level token starting with xapp- (Basic Information > App-Level Tokens)");
                break;
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
