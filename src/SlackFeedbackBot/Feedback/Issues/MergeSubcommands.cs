using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback.Issues;

/// <summary>
/// <c>/feedback merge 23 into 12</c>: item 23 (and whatever was merged into it) becomes part of issue 12. Takes two
/// numbers (with or without "into"), or the name with at most one word; "Merge requests fail on big repos" is feedback.
/// </summary>
public sealed class MergeSubcommand(IssueMerges merges, IssueRepository issues, FeedbackPermissions permissions) : Subcommand<MergeSubcommand.Arguments>, IFeedbackSubcommand
{
    public const string Example = "`/feedback merge 23 into 12`";

    public override string Name => "merge";

    public override string Usage => $"{Example}: item 23 says the same as 12; its reports count for issue 12 (undo with `/feedback unmerge 23`)";

    public override Arguments? TryParse(string arguments)
    {
        var words = CommandWords.Split(arguments);
        if (words.Length is 2 or 3 && ItemNumber.TryParse(words[0], out var item) && ItemNumber.TryParse(words[^1], out var into)
            && (words.Length == 2 || words[1].Equals("into", StringComparison.OrdinalIgnoreCase)))
        {
            return new Arguments(item, into);
        }

        return words.Length <= 1 || (words.Length <= 3 && ItemNumber.TryParse(words[0], out _)) ? new Arguments(null, null) : null;
    }

    public override async Task<SlackMessage?> RunAsync(SlashCommand command, Arguments arguments, CancellationToken ct)
    {
        if (arguments is not { Item: { } item, Into: { } into })
        {
            return SlackMessage.Ephemeral($"Write the item that repeats an issue, then the issue: {Example}.");
        }

        if (await permissions.RefusalAsync(item, command.UserId, "merge", ct) is { } refusal)
        {
            return SlackMessage.Ephemeral(refusal);
        }

        var outcome = await merges.MergeAsync(item, into, command.UserId, ct);
        if (outcome.Problem is not null)
        {
            return SlackMessage.Ephemeral(outcome.Problem);
        }

        var size = IssueOfferBlocks.Size(issues.Size(outcome.RootId));
        if (outcome.AlreadyRecorded)
        {
            return SlackMessage.Ephemeral($"Feedback #{item} is part of #{outcome.RootId} already ({size}).");
        }

        var along = outcome.Moved.Where(id => id != item).ToList();
        var alsoMoved = along.Count == 0 ? "" : $" The {(along.Count == 1 ? "item" : "items")} merged into #{item} came along: {string.Join(", ", along.Select(id => $"#{id}"))}.";
        return SlackMessage.Ephemeral($":link: Feedback #{item} is now part of #{outcome.RootId} ({size}).{alsoMoved} Undo with `/feedback unmerge {item}`.");
    }

    public sealed record Arguments(long? Item, long? Into);
}

/// <summary><c>/feedback unmerge 23</c>: item 23 is an issue of its own again.</summary>
public sealed class UnmergeSubcommand(IssueMerges merges, FeedbackPermissions permissions) : Subcommand<ItemArguments>, IFeedbackSubcommand
{
    public override string Name => "unmerge";

    public override string Usage => "`/feedback unmerge 23`: item 23 is its own issue again";

    public override ItemArguments? TryParse(string arguments) => ItemArguments.Parse(arguments) is { } parsed && (parsed.Id is null || parsed.Rest.Length == 0) ? parsed : null;

    public override async Task<SlackMessage?> RunAsync(SlashCommand command, ItemArguments arguments, CancellationToken ct)
    {
        if (arguments.Id is not { } item)
        {
            return SlackMessage.Ephemeral("Which item? Write its number: `/feedback unmerge 23`");
        }

        if (await permissions.RefusalAsync(item, command.UserId, "unmerge", ct) is { } refusal)
        {
            return SlackMessage.Ephemeral(refusal);
        }

        var outcome = merges.Unmerge(item, command.UserId);
        return SlackMessage.Ephemeral(outcome.Problem ?? $":scissors: Feedback #{item} is its own issue again; it no longer counts for #{outcome.RootId}.");
    }
}
