namespace SlackFeedbackBot.Hosting;

/// <summary>Slack's own convention for secrets (SLACK_BOT_TOKEN, ...) layered onto the Slack:* settings.</summary>
public static class SlackEnvironmentVariables
{
    public static readonly IReadOnlyDictionary<string, string> Map = new Dictionary<string, string>
    {
        ["SLACK_BOT_TOKEN"] = "Slack:BotToken",
        ["SLACK_APP_TOKEN"] = "Slack:AppToken",
        ["SLACK_SIGNING_SECRET"] = "Slack:SigningSecret",
    };

    public static IConfigurationBuilder AddSlackEnvironmentVariables(this IConfigurationBuilder configuration, BotEnvironment environment)
    {
        var values = Map
            .Select(pair => (pair.Value, environment[pair.Key]))
            .Where(pair => !string.IsNullOrWhiteSpace(pair.Item2))
            .ToDictionary(pair => pair.Item1, pair => pair.Item2);
        return configuration.AddInMemoryCollection(values);
    }
}
