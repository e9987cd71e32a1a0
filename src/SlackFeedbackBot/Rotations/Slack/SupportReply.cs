using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary>The ephemeral answer to a /support request; a refusal also gives the typed text back, to fix and send again.</summary>
public static class SupportReply
{
    public static SlackMessage To(SlashCommand command, SupportOutcome outcome) =>
        SlackMessage.Ephemeral(outcome.IsRefusal
            ? outcome.Text + "\n" + SubcommandRouter.TypedBack(SupportCommand.Command, command.Text)
            : outcome.Text);
}
