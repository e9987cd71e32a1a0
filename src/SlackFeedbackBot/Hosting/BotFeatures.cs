using SlackFeedbackBot.Digests;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Rotations;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Hosting;

/// <summary>Every feature of the bot, and the Slack handlers it answers with: one line each.</summary>
public static class BotFeatures
{
    public static SlackHandlerBuilder AddBotFeatures(this SlackHandlerBuilder slack, IConfiguration configuration)
    {
        slack.Services.AddSpotlight(configuration);
        slack.AddFeedback(configuration);
        slack.AddRotations(configuration);
        slack.AddDigestFeature(configuration);
        return slack;
    }
}
