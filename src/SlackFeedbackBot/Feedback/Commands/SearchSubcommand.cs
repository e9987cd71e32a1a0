using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// <c>/feedback search words</c>: full-text search over the feedback and customers, best matches first. Takes a
/// short query; a sentence about search ("Search is broken when I use quotes?") is feedback.
/// </summary>
public sealed class SearchSubcommand(FeedbackService service, FeedbackReplies replies) : Subcommand<SearchSubcommand.Arguments>, IFeedbackSubcommand
{
    /// <summary>More words than anyone types into a search box.</summary>
    public const int MaxQueryWords = 5;

    private const int Shown = 15;

    // "Search is/doesn't/should ..." starts a sentence about the search feature, not a query.
    private static readonly HashSet<string> SentenceStarts = new(StringComparer.OrdinalIgnoreCase)
    {
        "is", "isn't", "isnt", "was", "wasn't", "are", "aren't", "does", "doesn't", "doesnt", "did", "didn't", "do", "don't",
        "should", "shouldn't", "could", "couldn't", "would", "wouldn't", "can", "can't", "cant", "cannot", "will", "won't",
        "has", "hasn't", "have", "had", "needs", "need", "keeps", "takes", "feels", "seems", "never", "always", "only",
        "returns", "shows", "gets", "got", "used", "stopped", "broke", "sucks", "please",
    };

    public override string Name => "search";

    public override string Usage => "`/feedback search export csv`: items with all these words (accents and case ignored)";

    public override Arguments? TryParse(string arguments)
    {
        var query = arguments.Trim();
        var words = CommandWords.Split(query);
        if (words.Length > MaxQueryWords
            || (words.Length > 0 && SentenceStarts.Contains(words[0].Trim('"', '\'', ',', ':')))
            || query.EndsWith('?') || query.EndsWith('!') || (words.Length > 1 && query.EndsWith('.')))
        {
            return null;
        }

        return new Arguments(query);
    }

    public override Task<SlackMessage?> RunAsync(SlashCommand command, Arguments arguments, CancellationToken ct)
    {
        var hits = service.Search(arguments.Query, Shown);
        return Task.FromResult<SlackMessage?>(hits is null
            ? SlackMessage.Refused("What should I look for? Write some words: `/feedback search export csv`")
            : replies.List(hits, $"Feedback matching {FeedbackSearchQuery.Describe(arguments.Query)}"));
    }

    public sealed record Arguments(string Query);
}
