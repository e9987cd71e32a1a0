using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Slack.Dispatch;

namespace SlackFeedbackBot.Hosting;

/// <summary>Every feature of the bot, and the Slack handlers it answers with: one line each.</summary>
public static class BotFeatures
{
    public static SlackHandlerBuilder AddBotFeatures(this SlackHandlerBuilder slack, IConfiguration configuration)
    {
        slack.AddFeedback(configuration);
        return slack;
    }
}
