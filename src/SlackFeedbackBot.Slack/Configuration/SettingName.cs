namespace SlackFeedbackBot.Slack.Configuration;

/// <summary>How a setting is named to the person who fixes it: its configuration path and its environment variable.</summary>
public static class SettingName
{
    /// <summary>Settings that Slack's own environment variables fill (SLACK_BOT_TOKEN, ...).</summary>
    public static readonly IReadOnlyDictionary<string, string> SlackVariables = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Slack:BotToken"] = "SLACK_BOT_TOKEN",
        ["Slack:AppToken"] = "SLACK_APP_TOKEN",
        ["Slack:SigningSecret"] = "SLACK_SIGNING_SECRET",
    };

    /// <summary>"Slack:Mode (Slack__Mode)"; "Slack:BotToken (SLACK_BOT_TOKEN)".</summary>
    public static string Of(string path) => $"{path} ({EnvironmentVariable(path)})";

    public static string EnvironmentVariable(string path) =>
        SlackVariables.TryGetValue(path, out var variable) ? variable : path.Replace(":", "__", StringComparison.Ordinal);
}
