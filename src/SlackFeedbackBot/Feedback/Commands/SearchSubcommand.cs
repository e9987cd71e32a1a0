using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary><c>/feedback search words</c>: full-text search over the feedback and customers, best matches first.</summary>
public sealed class SearchSubcommand(FeedbackService service, FeedbackReplies replies) : IFeedbackSubcommand
{
    private const int Shown = 15;

    public string Name => "search";

    public string Usage => "`/feedback search export csv`: items with all these words (accents and case ignored)";

    public Task<SlackMessage> RunAsync(SlashCommand command, string arguments, CancellationToken ct)
    {
        var hits = service.Search(arguments, Shown);
        return Task.FromResult(hits is null
            ? SlackMessage.Ephemeral("What should I look for? Write some words: `/feedback search export csv`")
            : replies.List(hits, $"Feedback matching {FeedbackSearchQuery.Describe(arguments)}"));
    }
}
