using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Configuration;

namespace SlackFeedbackBot.Slack;

/// <summary>
/// Refuses to start with settings that cannot work: each message names the setting and the environment variable
/// that fills it, never a token's value.
/// </summary>
public sealed partial class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    /// <summary>Slack wants the ack within 3 seconds; the reply has to be ready a little before.</summary>
    public static readonly TimeSpan LongestAckPayloadWait = TimeSpan.FromMilliseconds(2900);

    /// <summary>Socket Mode connections Slack keeps open per app.</summary>
    public const int MaxSocketConnections = 10;

    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var checks = new SettingChecks(SlackOptions.Section);
        if (!Enum.IsDefined(options.Mode))
        {
            checks.Add(nameof(SlackOptions.Mode), $"is {(int)options.Mode}; set it to {string.Join(" or ", Enum.GetNames<SlackMode>())}.");
        }

        if (string.IsNullOrWhiteSpace(options.BotToken))
        {
            checks.Add(nameof(SlackOptions.BotToken), "is required: the bot token (xoxb-...) from the app's OAuth & Permissions page.");
        }
        else if (!options.BotToken.Trim().StartsWith("xoxb-", StringComparison.Ordinal))
        {
            checks.Add(nameof(SlackOptions.BotToken), "is not a bot token (it must start with xoxb-): copy the Bot User OAuth Token from the app's OAuth & Permissions page.");
        }

        switch (options.Mode)
        {
            case SlackMode.Http when string.IsNullOrWhiteSpace(options.SigningSecret):
                checks.Add(nameof(SlackOptions.SigningSecret), "is required in HTTP mode: copy the Signing Secret from the app's Basic Information page.");
                break;
            case SlackMode.Socket when string.IsNullOrWhiteSpace(options.AppToken):
                checks.Add(nameof(SlackOptions.AppToken), "is required in Socket mode: an app-level token (xapp-...) with connections:write (Basic Information > App-Level Tokens).");
                break;
            case SlackMode.Socket when !options.AppToken!.Trim().StartsWith("xapp-", StringComparison.Ordinal):
                checks.Add(nameof(SlackOptions.AppToken), "is not an app-level token (it must start with xapp-): create one with connections:write under Basic Information > App-Level Tokens.");
                break;
        }

        if (!IsWebAddress(options.ApiBaseUrl))
        {
            checks.Add(nameof(SlackOptions.ApiBaseUrl), $"is \"{Shown(options.ApiBaseUrl)}\", not a web address; set it to https://slack.com/api/ (the default) or leave it out.");
        }

        if (!string.IsNullOrWhiteSpace(options.TeamId) && !TeamIdPattern().IsMatch(options.TeamId.Trim()))
        {
            checks.Add(nameof(SlackOptions.TeamId), $"is \"{Shown(options.TeamId)}\", not a team id; set it to the workspace id (like T0123ABCD, shown by auth.test and `doctor`) or leave it out.");
        }

        if (options.SocketConnections > MaxSocketConnections)
        {
            // Slack counts connections per app, so every instance's connections add up to this one limit.
            checks.Add(nameof(SlackOptions.SocketConnections), $"is {options.SocketConnections}; Slack allows at most {MaxSocketConnections} Socket Mode connections per app, across all instances: set it so that instances × connections is at most {MaxSocketConnections}.");
        }
        else
        {
            checks.Between(nameof(SlackOptions.SocketConnections), options.SocketConnections, 1, MaxSocketConnections);
        }

        checks.Between(nameof(SlackOptions.SocketConnectionStagger), options.SocketConnectionStagger, TimeSpan.Zero, TimeSpan.FromMinutes(5));
        checks.Positive(nameof(SlackOptions.AckPayloadWait), options.AckPayloadWait, LongestAckPayloadWait);
        checks.Between(nameof(SlackOptions.MaxHandlerAttempts), options.MaxHandlerAttempts, 1, 100);
        checks.Between(nameof(SlackOptions.ParkedRetention), options.ParkedRetention, TimeSpan.FromHours(1), TimeSpan.FromDays(365));
        // Slack retries an event for up to an hour (a day with delayed events): a shorter memory would handle a retry twice.
        checks.Between(nameof(SlackOptions.HandledRetention), options.HandledRetention, TimeSpan.FromHours(2), TimeSpan.FromDays(365));
        checks.Between(nameof(SlackOptions.LeaseDuration), options.LeaseDuration, TimeSpan.FromSeconds(10), TimeSpan.FromHours(1));
        if (options.InstanceId is { Length: > 200 })
        {
            checks.Add(nameof(SlackOptions.InstanceId), "is longer than 200 characters; give each instance a short name of its own, or leave it out for host name and process id.");
        }

        return checks.Result();
    }

    public static bool IsWebAddress(string? url) =>
        Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0;

    private static string Shown(string? value)
    {
        var text = new string((value ?? "").Trim().Where(c => !char.IsControl(c)).Take(60).ToArray());
        return text.Replace("\"", "'", StringComparison.Ordinal);
    }

    [GeneratedRegex("^[TE][A-Z0-9]{2,}$")]
    private static partial Regex TeamIdPattern();
}
