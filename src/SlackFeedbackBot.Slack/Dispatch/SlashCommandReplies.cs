using Microsoft.Extensions.Logging;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Slack.Dispatch;

/// <summary>Sends the answer to a slash command: in the ack when it is still open, otherwise to the command's response_url.</summary>
public sealed class SlashCommandReplies(ISlackApiClient api, ILogger<SlashCommandReplies> log)
{
    public async Task SendAsync(SlashCommand command, SlackMessage reply, AckSlot? ackSlot, CancellationToken ct)
    {
        if (ackSlot is not null && ackSlot.TryDeliver(SlackJson.Serialize(reply)))
        {
            return;
        }

        if (string.IsNullOrEmpty(command.ResponseUrl))
        {
            log.LogWarning("The reply to {Command} was ready after the ack and there is no response_url to send it to", command.Command);
            return;
        }

        await api.RespondAsync(command.ResponseUrl, reply, ct).ConfigureAwait(false);
    }
}
