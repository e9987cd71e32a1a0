using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Outbox;

namespace SlackFeedbackBot.Feedback;

/// <summary>What resolving did: how many reporters are told now (their DMs wait in the outbox until Slack takes them) and how
/// many had been told before.</summary>
public sealed record ResolveOutcome(FeedbackItem? Item, int Told, int AlreadyTold, string? Problem);

/// <summary>
/// Closes the loop: marks an item resolved and tells every person who reported it, in a DM, what changed,
/// with a link to what they said. Each (item, reporter) is told once, however often the item is resolved.
/// </summary>
public sealed class FeedbackResolver(FeedbackRepository repository, ISlackOutbox outbox, TimeProvider time)
{
    public async Task<ResolveOutcome> ResolveAsync(long itemId, string resolvedBy, string whatChanged, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(whatChanged))
        {
            return new ResolveOutcome(null, 0, 0, $"Please say what changed; it is what the reporters will read: `/feedback resolve {itemId} The export button is now on the dashboard`");
        }

        if (!repository.Resolve(itemId, resolvedBy, whatChanged.Trim(), time.GetUtcNow()))
        {
            return new ResolveOutcome(null, 0, 0, FeedbackService.NoSuchItem(itemId));
        }

        var item = repository.Get(itemId)!;
        int told = 0, before = 0;
        var notified = repository.NotifiedReporters(itemId).ToHashSet(StringComparer.Ordinal);
        foreach (var reporter in repository.Reports(itemId).Where(r => IsSlackUser(r.ReporterId)).GroupBy(r => r.ReporterId!))
        {
            // Once per (item, reporter) however often it is resolved; the outbox key makes a repeat of this very
            // resolve (a replayed command) add nothing, and an outage only delays the message.
            if (notified.Contains(reporter.Key)
                || !await outbox.EnqueueAsync(NotifyKey(itemId, reporter.Key), SlackEffects.DirectMessage(reporter.Key, new SlackMessage { Text = Message(item, reporter.First(), whatChanged.Trim()) }), ct))
            {
                before++;
                continue;
            }

            repository.TryClaimNotification(itemId, reporter.Key, time.GetUtcNow());
            told++;
        }

        return new ResolveOutcome(item, told, before, null);
    }

    public static string NotifyKey(long itemId, string reporter) => $"resolve:{itemId}:{reporter}";

    private static string Message(FeedbackItem item, FeedbackReport report, string whatChanged)
    {
        var original = report.Permalink ?? item.SourceLink;
        var said = FeedbackFormat.Quote(FeedbackFormat.Shorten(report.Text, 600));
        var link = original is null ? "" : $"\n<{original}|Your original message>";
        var customer = report.Customer ?? item.Customer;
        var about = customer is null ? "" : $" about {customer}";
        return $":tada: Feedback #{item.Id} you passed on{about} was acted on.\n*What changed:* {whatChanged}\n\nYou reported:\n{said}{link}\n\nThank you for passing it on.";
    }

    // Imported reporters are names from a spreadsheet, not Slack users, and cannot be messaged.
    private static bool IsSlackUser(string? id) => id is { Length: > 1 } && (id[0] is 'U' or 'W') && id.All(char.IsAsciiLetterOrDigit);
}
