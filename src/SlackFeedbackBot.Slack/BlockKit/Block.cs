namespace SlackFeedbackBot.Slack.BlockKit;

/// <summary>A Block Kit layout block. Concrete blocks are built with the builders in this namespace,
/// which keep every block inside Slack's limits.</summary>
public abstract record Block(string Type)
{
    public string? BlockId { get; init; }
}
