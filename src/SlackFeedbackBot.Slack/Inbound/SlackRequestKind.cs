namespace SlackFeedbackBot.Slack.Inbound;

/// <summary>What an inbound request from Slack is, independent of the transport that carried it.</summary>
public enum SlackRequestKind
{
    Event,
    SlashCommand,
    BlockActions,
    GlobalShortcut,
    MessageShortcut,
    ViewSubmission,
    ViewClosed,
    BlockSuggestion,
    Unknown,
}
