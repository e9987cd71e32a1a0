using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// <c>/feedback show N</c>: one item with every report, bucket change, follow-up answer and resolution, and the items
/// merged into it (or the issue it is part of).
/// Takes <c>show</c> with at most one word after it; "Show me how to export" is feedback.
/// </summary>
public sealed class ShowSubcommand(FeedbackService service, FeedbackStatusRepository statuses, FeedbackReplies replies, Issues.IssueRepository issues) : Subcommand<ShowSubcommand.Arguments>, IFeedbackSubcommand
{
    public override string Name => "show";

    public override string Usage => "`/feedback show 12`: everything about item 12";

    public override Arguments? TryParse(string arguments) =>
        CommandWords.Count(arguments) > 1 ? null : new Arguments(ItemNumber.TryParse(arguments.Trim(), out var id) ? id : null);

    public override Task<SlackMessage?> RunAsync(SlashCommand command, Arguments arguments, CancellationToken ct)
    {
        if (arguments.Id is not { } id)
        {
            return Task.FromResult<SlackMessage?>(SlackMessage.Refused("Which item? Write its number: `/feedback show 12`"));
        }

        return Task.FromResult<SlackMessage?>(service.Show(id) is { } details ? replies.Details(details with { LatestStatusChange = statuses.Latest(id), MergedItems = issues.MergedInto(id), Merges = issues.History(id) }) : SlackMessage.Refused(FeedbackService.NoSuchItem(id)));
    }

    public sealed record Arguments(long? Id);
}
