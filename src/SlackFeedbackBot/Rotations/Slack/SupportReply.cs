using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary>The ephemeral answer to a /support request; a refusal also gives the typed text back, to fix and send again.</summary>
public static class SupportReply
{
    public static SlackMessage To(SlashCommand command, SupportOutcome outcome) =>
        outcome.IsRefusal
            ? SubcommandRouter.WithTypedBack(SlackMessage.Refused(outcome.Text), SupportCommand.Command, command.Text)!
            : SlackMessage.Ephemeral(outcome.Text);
}
