using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary><c>/feedback resolve N what changed [tell:no]</c>: closes the loop, telling every reporter in a DM.</summary>
public sealed class ResolveSubcommand(FeedbackStatusMoves moves) : StatusSubcommand(moves)
{
    public override string Name => "resolve";

    public override string Usage => "`/feedback resolve 12 Export now on the dashboard [tell:no]`: mark item 12 done and tell everyone who reported it";

    protected override string Status => FeedbackStatus.Resolved;

    protected override string Example => "`/feedback resolve 12 Export now on the dashboard`";
}
