using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Outbox;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Feedback;

/// <summary>What resolving did: how many reporters are told now (their DMs wait in the outbox until Slack takes them) and how
/// many had been told before.</summary>
public sealed record ResolveOutcome(FeedbackItem? Item, int Told, int AlreadyTold, string? Problem);

/// <summary>
/// Closes the loop: marks an item resolved and tells every person who reported it, in a DM, what changed,
/// with a link to what they said. Each reporter is told once per resolution: resolving a resolved item again tells
/// only those not reached yet; reopening it starts a new resolution, which tells everyone again.
/// </summary>
public sealed class FeedbackResolver(FeedbackRepository repository, ReporterLinks links, ISlackOutbox outbox, TimeProvider time, Issues.IssueRepository issues)
{
    /// <param name="tell">False when the person resolving chose not to tell the reporters (<c>tell:no</c>).</param>
    public async Task<ResolveOutcome> ResolveAsync(long itemId, string resolvedBy, string whatChanged, CancellationToken ct, bool tell = true)
    {
        if (string.IsNullOrWhiteSpace(whatChanged))
        {
            return new ResolveOutcome(null, 0, 0, $"Please say what changed; it is what the reporters will read: `/feedback resolve {itemId} The export button is now on the dashboard`");
        }

        // An issue is resolved by its root, which stands for every item merged into it.
        if (repository.Get(itemId) is { MergedIntoId: { } root })
        {
            return new ResolveOutcome(null, 0, 0, $"Feedback #{itemId} is part of #{root}. Resolve the issue: `/feedback resolve {root} {SlackText.Escape(whatChanged.Trim())}`");
        }

        if (!repository.Resolve(itemId, resolvedBy, whatChanged.Trim(), time.GetUtcNow()))
        {
            return new ResolveOutcome(null, 0, 0, FeedbackService.NoSuchItem(itemId));
        }

        var item = repository.Get(itemId)!;
        if (!tell)
        {
            return new ResolveOutcome(item, 0, 0, null);
        }

        var members = issues.Members(itemId);
        foreach (var member in members)
        {
            await links.LinkAsync(member, ct);
        }

        int told = 0, before = 0;
        var notified = repository.NotifiedReporters(itemId).ToHashSet(StringComparer.Ordinal);
        var round = repository.ResolutionRound(itemId);
        // Every reporter of every item merged into the issue, each once (their first report is the one quoted).
        foreach (var reporter in issues.Reports(itemId).Where(r => IsSlackUser(r.ReporterId)).GroupBy(r => r.ReporterId!))
        {
            // Once per reporter and resolution round; the outbox key makes a repeat of this very resolve (a replayed
            // command) add nothing, and an outage only delays the message.
            if (notified.Contains(reporter.Key)
                || !await outbox.EnqueueAsync(NotifyKey(itemId, round, reporter.Key), SlackEffects.DirectMessage(reporter.Key, new SlackMessage { Text = Message(item, reporter.First(), whatChanged.Trim()) }), ct))
            {
                before++;
                continue;
            }

            repository.TryClaimNotification(itemId, reporter.Key, time.GetUtcNow());
            told++;
        }

        return new ResolveOutcome(item, told, before, null);
    }

    /// <summary>Opens a resolved item again; null when done, else what is wrong.</summary>
    public string? Reopen(long itemId)
    {
        if (repository.Get(itemId) is not { } item)
        {
            return FeedbackService.NoSuchItem(itemId);
        }

        if (item.Status != FeedbackStatus.Resolved)
        {
            return $"Feedback #{itemId} is not resolved ({item.Status}), so there is nothing to reopen.";
        }

        return repository.Reopen(itemId, time.GetUtcNow()) ? null : $"Feedback #{itemId} is not resolved, so there is nothing to reopen.";
    }

    public static string NotifyKey(long itemId, int round, string reporter) => $"resolve:{itemId}:{round}:{reporter}";

    private static string Message(FeedbackItem item, FeedbackReport report, string whatChanged)
    {
        var original = report.Permalink ?? (report.ItemId == item.Id ? item.SourceLink : null);
        var said = SlackText.QuoteDefused(report.Text, 600);
        var link = SlackText.IsWebUrl(original) ? "\n" + SlackText.Link(original, "Your original message") : "";
        var customer = report.Customer ?? item.Customer;
        var about = customer is null ? "" : $" about {SlackText.Defuse(customer)}";
        return $":tada: Feedback #{item.Id} you passed on{about} was acted on.\n*What changed:* {SlackText.Defuse(whatChanged)}\n\nYou reported:\n{said}{link}\n\nThank you for passing it on.";
    }

    // Imported reporters are names from a spreadsheet, not Slack users, and cannot be messaged.
    internal static bool IsSlackUser(string? id) => id is { Length: > 1 } && (id[0] is 'U' or 'W') && id.All(char.IsAsciiLetterOrDigit);
}
