using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Outbox;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Feedback;

/// <summary>What a status move did: the item as it is now, the move recorded, and how many reporters were told now and before.</summary>
public sealed record StatusMoveOutcome(FeedbackItem? Item, StatusChange? Change, int Told, int AlreadyTold, bool Unchanged, string? Problem)
{
    public static StatusMoveOutcome Failed(string problem) => new(null, null, 0, 0, false, problem);
}

/// <summary>
/// Moves an item between open, planned, not_yet and resolved, whether from <c>/feedback</c> or a Home tab button:
/// only the people who may resolve it may move it; not_yet needs a reason; every move is kept with who, when and why.
/// The mover chooses whether the reporters hear of it (by default yes for resolved and not_yet). Each reporter gets
/// one DM per move, through the outbox under <c>status:&lt;item&gt;:&lt;move&gt;:&lt;reporter&gt;</c> (resolving keeps its
/// own once-per-round <c>resolve:</c> messages), so the same move again, or a replayed command, tells nobody twice.
/// </summary>
public sealed class FeedbackStatusMoves(
    FeedbackRepository items,
    FeedbackStatusRepository statuses,
    FeedbackResolver resolver,
    FeedbackPermissions permissions,
    ReporterLinks links,
    Issues.IssueRepository issues,
    ISlackOutbox outbox,
    TimeProvider time)
{
    public async Task<StatusMoveOutcome> MoveAsync(long itemId, string toStatus, string userId, string? reason, bool? tell, CancellationToken ct)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (items.Get(itemId) is not { } item)
        {
            return StatusMoveOutcome.Failed(FeedbackService.NoSuchItem(itemId));
        }

        if (item.Status == FeedbackStatus.Deleted)
        {
            return StatusMoveOutcome.Failed($"Feedback #{itemId} was deleted in Slack, so its status stays as it is.");
        }

        // An issue moves by its root, which stands for every item merged into it.
        if (item.MergedIntoId is { } root)
        {
            return StatusMoveOutcome.Failed($"Feedback #{itemId} is part of #{root}, so it moves with it: `/feedback {CommandWord(toStatus)} {root}`");
        }

        if (await permissions.RefusalAsync(itemId, userId, Verb(toStatus), ct) is { } refusal)
        {
            return StatusMoveOutcome.Failed(refusal);
        }

        if (toStatus == FeedbackStatus.NotYet && reason is null)
        {
            return StatusMoveOutcome.Failed($"Please say why not yet; it is what the reporters will read: `/feedback notyet {itemId} We focus on the mobile app until March`");
        }

        var telling = tell ?? TellField.DefaultFor(toStatus);
        if (toStatus == FeedbackStatus.Resolved)
        {
            return await ResolveAsync(item, userId, reason, telling, ct);
        }

        var latest = statuses.Latest(itemId);
        if (item.Status == toStatus && (reason is null || latest?.Reason == reason))
        {
            // The same move again, or the same command handled again after a crash: finish telling, tell nobody twice.
            var (again, before) = latest is { Tell: true } && latest.ToStatus == toStatus ? await TellAsync(item, latest, ct) : (0, 0);
            return new StatusMoveOutcome(item, latest, again, before, true, null);
        }

        var change = statuses.Move(itemId, toStatus, reason, userId, telling, time.GetUtcNow())!;
        var moved = items.Get(itemId)!;
        var told = 0;
        if (telling)
        {
            (told, _) = await TellAsync(moved, change, ct);
            statuses.SetTold(change.Id, told);
        }

        return new StatusMoveOutcome(moved, change with { Told = told }, told, 0, false, null);
    }

    public static string NotifyKey(long itemId, long changeId, string reporter) => $"status:{itemId}:{changeId}:{reporter}";

    private async Task<StatusMoveOutcome> ResolveAsync(FeedbackItem item, string userId, string? whatChanged, bool tell, CancellationToken ct)
    {
        var latest = statuses.Latest(item.Id);
        var outcome = await resolver.ResolveAsync(item.Id, userId, whatChanged ?? "", ct, tell);
        if (outcome.Problem is not null)
        {
            return StatusMoveOutcome.Failed(outcome.Problem);
        }

        var same = item.Status == FeedbackStatus.Resolved && item.Resolution == whatChanged;
        var change = same && latest is { ToStatus: FeedbackStatus.Resolved }
            ? latest
            : statuses.Record(item.Id, item.Status, FeedbackStatus.Resolved, whatChanged, userId, tell, time.GetUtcNow());
        if (outcome.Told > 0)
        {
            statuses.SetTold(change.Id, change.Told + outcome.Told);
        }

        return new StatusMoveOutcome(outcome.Item, change with { Told = change.Told + outcome.Told }, outcome.Told, outcome.AlreadyTold, same, null);
    }

    private async Task<(int Told, int Before)> TellAsync(FeedbackItem item, StatusChange change, CancellationToken ct)
    {
        foreach (var member in issues.Members(item.Id))
        {
            await links.LinkAsync(member, ct);
        }

        int told = 0, before = 0;
        // Every reporter of every item merged into the issue, each once.
        foreach (var reporter in issues.Reports(item.Id).Where(r => FeedbackResolver.IsSlackUser(r.ReporterId)).GroupBy(r => r.ReporterId!))
        {
            var message = new SlackMessage { Text = Message(item, change, reporter.First()) };
            if (await outbox.EnqueueAsync(NotifyKey(item.Id, change.Id, reporter.Key), SlackEffects.DirectMessage(reporter.Key, message), ct))
            {
                told++;
            }
            else
            {
                before++;
            }
        }

        return (told, before);
    }

    private static string CommandWord(string status) => status switch
    {
        FeedbackStatus.Planned => "plan",
        FeedbackStatus.NotYet => "notyet",
        FeedbackStatus.Resolved => "resolve",
        _ => "reopen",
    };

    private static string Verb(string status) => status switch
    {
        FeedbackStatus.Planned => "plan",
        FeedbackStatus.NotYet => "mark as not yet",
        FeedbackStatus.Resolved => "resolve",
        _ => "reopen",
    };

    private static string Message(FeedbackItem item, StatusChange change, FeedbackReport report)
    {
        var customer = report.Customer ?? item.Customer;
        var about = customer is null ? "" : $" about {SlackText.Defuse(customer)}";
        var reason = change.Reason is null ? "" : SlackText.Truncate(SlackText.Defuse(change.Reason), 1500);
        var news = change.ToStatus switch
        {
            FeedbackStatus.Planned => $":spiral_calendar_pad: Feedback #{item.Id} you passed on{about} is planned." + (reason.Length == 0 ? "" : $"\n*What is planned:* {reason}"),
            FeedbackStatus.NotYet => $":hourglass_flowing_sand: Feedback #{item.Id} you passed on{about} is not something we will do yet.\n*Why:* {reason}\n"
                + $"We keep it, and every customer who asks again counts: add them with `/feedback same {item.Id} ...`.",
            _ => $":arrows_counterclockwise: Feedback #{item.Id} you passed on{about} is open again." + (reason.Length == 0 ? "" : $"\n*Why:* {reason}"),
        };
        var original = report.Permalink ?? item.SourceLink;
        var link = SlackText.IsWebUrl(original) ? "\n" + SlackText.Link(original, "Your original message") : "";
        return $"{news}\n\nYou reported:\n{SlackText.QuoteDefused(report.Text, 600)}{link}\n\nThank you for passing it on.";
    }
}
