using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// A subcommand that moves one item to a status: <c>NAME 12 [reason] [tell:yes|no]</c>. Each status is one small
/// subclass naming its status and words; the move itself is <see cref="FeedbackStatusMoves"/>.
/// </summary>
public abstract class StatusSubcommand(FeedbackStatusMoves moves) : Subcommand<ItemArguments>, IFeedbackSubcommand
{
    protected abstract string Status { get; }

    /// <summary>What to write when the number is missing.</summary>
    protected abstract string Example { get; }

    public override ItemArguments? TryParse(string arguments) => ItemArguments.Parse(arguments);

    public override async Task<SlackMessage?> RunAsync(SlashCommand command, ItemArguments arguments, CancellationToken ct)
    {
        if (arguments is not { Id: { } id, Rest: var rest })
        {
            return SlackMessage.Refused($"Write the item number: {Example}");
        }

        var tell = TellField.Parse(rest);
        if (tell.Error is not null)
        {
            return SlackMessage.Refused(tell.Error);
        }

        var outcome = await moves.MoveAsync(id, Status, command.UserId, tell.Text, tell.Tell, ct);
        return outcome.Problem is { } problem ? SlackMessage.Refused(problem) : SlackMessage.Ephemeral(StatusMoveReply.Text(id, Status, outcome));
    }
}

/// <summary><c>/feedback plan 12 [what is planned]</c>: the item is planned; its reporters are told only with <c>tell:yes</c>.</summary>
public sealed class PlanSubcommand(FeedbackStatusMoves moves) : StatusSubcommand(moves)
{
    public override string Name => "plan";

    public override string Usage => "`/feedback plan 12 [what is planned] [tell:yes]`: mark item 12 planned (reporters are told only with `tell:yes`)";

    protected override string Status => FeedbackStatus.Planned;

    protected override string Example => "`/feedback plan 12 Excel export ships in March`";
}

/// <summary><c>/feedback notyet 12 reason</c>: declined for now, with the reason its reporters are told (unless <c>tell:no</c>).</summary>
public sealed class NotYetSubcommand(FeedbackStatusMoves moves) : StatusSubcommand(moves)
{
    public override string Name => "notyet";

    public override IReadOnlyList<string> Aliases => ["not-yet", "not_yet"];

    public override string Usage => "`/feedback notyet 12 why [tell:no]`: not now, with the reason its reporters are told (also `not-yet`)";

    protected override string Status => FeedbackStatus.NotYet;

    protected override string Example => "`/feedback notyet 12 We focus on the mobile app until March`";
}
