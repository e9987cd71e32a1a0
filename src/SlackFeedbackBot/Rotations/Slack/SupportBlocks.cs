using SlackFeedbackBot.Slack.BlockKit;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary>Short names for the Block Kit pieces support messages use (the builders keep Slack's limits).</summary>
public static class SupportBlocks
{
    public static SectionBlock Section(string markdown) => new(markdown);

    public static HeaderBlock Header(string text) => new(text);

    public static ActionsBlock Actions(params IActionElement[] elements) => new(elements);

    public static ButtonElement Button(string text, string actionId, string? value, ButtonStyle? style = null) =>
        new(text, actionId, value, style: style);
}
