using SlackFeedbackBot.Feedback.Issues;
using SlackFeedbackBot.Slack.BlockKit;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// "Looks like" offers nobody has answered yet, oldest first: the new item, the issue it looks like and the words they
/// share, with the same *Same issue* / *Different* buttons as the capture reply. A person decides; nothing merges alone.
/// </summary>
public sealed class SuggestedMergesSection(IssueSuggestions suggestions) : IFeedbackHomeSection
{
    public const int Shown = 5;

    private const int TextLength = 120;

    public int Order => 20;

    public Task<IReadOnlyList<Block>> BuildAsync(FeedbackHomeContext context, CancellationToken ct)
    {
        var pending = suggestions.Pending(Shown);
        if (pending.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<Block>>([]);
        }

        var builder = new MessageBuilder().Text("Suggested merges").Section("*:link: Suggested merges*");
        foreach (var suggestion in pending)
        {
            builder.Section($"*#{suggestion.Item.Id}* {SlackText.Truncate(SlackText.Defuse(suggestion.Item.Text).ReplaceLineEndings(" "), TextLength)}");
            IssueOfferBlocks.Add(builder, IssueSuggestions.AsOffer(suggestion));
        }

        return Task.FromResult<IReadOnlyList<Block>>(builder.Build().Blocks ?? []);
    }
}
