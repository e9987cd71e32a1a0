using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary><c>/feedback reopen N [why] [tell:yes]</c>: opens a resolved, planned or not-yet item again; resolving it later tells its reporters again.</summary>
public sealed class ReopenSubcommand(FeedbackStatusMoves moves) : StatusSubcommand(moves)
{
    public override string Name => "reopen";

    public override string Usage => "`/feedback reopen 12 [why] [tell:yes]`: open item 12 again (resolving it later tells its reporters again)";

    protected override string Status => FeedbackStatus.Open;

    protected override string Example => "`/feedback reopen 12`";
}
