using System.Globalization;
using SlackFeedbackBot.Slack.BlockKit;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Feedback.Issues;

/// <summary>The "Looks like #12" part of a capture reply: the issue, its size, the shared words, and *Same issue* / *Different*.</summary>
public static class IssueOfferBlocks
{
    public const string SameAction = "feedback_issue_same";
    public const string DifferentAction = "feedback_issue_different";

    public static string Headline(IssueOffer offer) =>
        $":link: Looks like *#{offer.IssueId}* ({Size(offer.Size)}): {SharedWords(offer.SharedWords)}";

    public static TSelf Add<TSelf>(BlockListBuilder<TSelf> builder, IssueOffer offer)
        where TSelf : BlockListBuilder<TSelf>
    {
        var value = Value(offer.ItemId, offer.IssueId);
        builder.Section(Headline(offer));
        return builder.Actions(
            new ButtonElement("Same issue", SameAction, value, style: ButtonStyle.Primary),
            new ButtonElement("Different", DifferentAction, value));
    }

    public static string Size(IssueSize size)
    {
        var reports = $"{size.Reports} report{(size.Reports == 1 ? "" : "s")}";
        return size.Customers == 0 ? reports : $"{reports} from {size.Customers} customer{(size.Customers == 1 ? "" : "s")}";
    }

    /// <summary>The words both say, as they were written: the explanation of the match.</summary>
    public static string SharedWords(IReadOnlyList<string> words) =>
        string.Join(", ", words.Take(8).Select(w => $"`{SlackText.Escape(w.Replace('`', '\''))}`"));

    public static string Value(long itemId, long issueId) =>
        string.Create(CultureInfo.InvariantCulture, $"{itemId}:{issueId}");

    public static bool TryRead(string? value, out long itemId, out long issueId)
    {
        itemId = issueId = 0;
        var colon = value?.IndexOf(':') ?? -1;
        return colon > 0
            && long.TryParse(value![..colon], NumberStyles.None, CultureInfo.InvariantCulture, out itemId)
            && long.TryParse(value[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out issueId);
    }
}
