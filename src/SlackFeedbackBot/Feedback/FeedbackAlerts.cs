using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Customers;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Outbox;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Feedback;

/// <summary>What a threshold check found: the alerts raised now, and where the item stands.</summary>
public sealed record ThresholdCheck(IReadOnlyList<string> Raised, ThresholdStanding Standing);

/// <summary>
/// Escalation thresholds: one issue (an item and those merged into it) heard from enough customers (distinct, weighted
/// by value and importance, as the Customers feature weighs them) within D days, or a high-value customer heard. Each
/// alert is posted through the outbox under its key (<c>alert:reports:42:10</c>, <c>alert:customer:42:acme</c>) and
/// claimed in the once-only store, so it is posted once, outage or not, however long ago.
/// </summary>
public sealed class FeedbackAlerts(
    FeedbackRepository repository,
    FeedbackBuckets buckets,
    CustomerQueries customers,
    ISlackOutbox outbox,
    IOptions<FeedbackOptions> options,
    TimeProvider time,
    Issues.IssueRepository issues)
{
    private const int CustomersNamed = 5;

    /// <summary>Checks the thresholds after <paramref name="item"/> got a report from <paramref name="reporterId"/> with <paramref name="words"/> about <paramref name="customer"/>.</summary>
    public async Task<ThresholdCheck> CheckAsync(FeedbackItem item, string words, string? customer, string? reporterId, CancellationToken ct)
    {
        var thresholds = options.Value.Thresholds;
        item = IssueOf(item);
        var (tally, standing) = await TallyAsync(item, ct);
        var raised = new List<string>();
        if (string.IsNullOrWhiteSpace(thresholds.AlertChannel))
        {
            return new ThresholdCheck(raised, standing);
        }

        if (standing.Reached)
        {
            var text = $":rotating_light: Feedback #{item.Id} has been heard from {Heard(tally)} in the last {thresholds.WithinDays} days, weighing {ThresholdStanding.Number(standing.Weight)} against the threshold of {thresholds.ReportCount} ({buckets.Display(item.Bucket)}):\n{SlackText.QuoteDefused(item.Text, QuoteLength)}{LinkLine(item)}";
            await RaiseAsync($"reports:{item.Id}:{thresholds.ReportCount}", item, thresholds.AlertChannel, text, raised, ct);
        }

        if (await customers.MatchAsync(customer, reporterId, ct) is { } match && customers.HighValueReason(match.Customer) is { } reason)
        {
            var text = $":star: High-value customer in feedback #{item.Id} ({buckets.Display(item.Bucket)}): {SlackText.Defuse(reason)}\n{SlackText.QuoteDefused(words, QuoteLength)}{LinkLine(item)}";
            await RaiseAsync(CustomerKey(item, match.Customer.Name), item, thresholds.AlertChannel, text, raised, ct);
        }

        foreach (var name in thresholds.HighValueCustomers.Where(n => Names(n, customer, words)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var text = $":star: High-value customer *{SlackText.Escape(name.Trim())}* in feedback #{item.Id} ({buckets.Display(item.Bucket)}):\n{SlackText.QuoteDefused(words, QuoteLength)}{LinkLine(item)}";
            await RaiseAsync(CustomerKey(item, name), item, thresholds.AlertChannel, text, raised, ct);
        }

        return new ThresholdCheck(raised, standing);
    }

    /// <summary>Where the item stands against its threshold now, for the capture reply.</summary>
    public async Task<ThresholdStanding> StandingAsync(FeedbackItem item, CancellationToken ct) => (await TallyAsync(IssueOf(item), ct)).Standing;

    // Thresholds count the issue: the reports of its root and of every item merged into it, under the root's number.
    private FeedbackItem IssueOf(FeedbackItem item) =>
        issues.RootOf(item.Id) is { } root && root != item.Id && repository.Get(root) is { } rootItem ? rootItem : item;

    private async Task<(CustomerTally Tally, ThresholdStanding Standing)> TallyAsync(FeedbackItem item, CancellationToken ct)
    {
        var thresholds = options.Value.Thresholds;
        var since = time.GetUtcNow().AddDays(-thresholds.WithinDays).ToUnixTimeMilliseconds();
        var reports = issues.Reports(item.Id);
        // The importance given with the capture is the first reporter's; a "me too" carries none of its own, so counts as medium.
        var first = reports.Count == 0 ? (long?)null : reports[0].Id;
        var voices = reports.Where(r => r.CreatedAtMs >= since)
            .Select(r => new CustomerVoice(r.ReporterId, r.ReporterName, r.Text, r.Customer, r.Id == first ? item.Importance : null));
        var tally = await customers.TallyAsync(voices, ct);
        return (tally, new ThresholdStanding(tally.Weight, tally.Customers.Count, thresholds.ReportCount, thresholds.WithinDays, thresholds.Explanation));
    }

    /// <summary>
    /// "3 customers (Acme ×3, Globex, 1 not named)": the customers by name, heaviest first, and those no report named as
    /// one count, so five unnamed customers read as "5 not named" rather than the same words five times.
    /// </summary>
    internal static string Heard(CustomerTally tally)
    {
        var count = tally.Customers.Count;
        var customers = $"{count} customer{(count == 1 ? "" : "s")}";
        var named = tally.Customers.Where(c => c.Named).ToList();
        var unnamed = count - named.Count;
        if (named.Count == 0)
        {
            return unnamed == 1 ? $"{customers}, not named" : $"{customers}, none of them named";
        }

        var parts = named.Take(CustomersNamed)
            .Select(c => Math.Abs(c.Weight - 1) < 0.001 ? SlackText.Defuse(c.Name) : $"{SlackText.Defuse(c.Name)} ×{ThresholdStanding.Number(c.Weight)}")
            .ToList();
        var more = named.Count - CustomersNamed;
        var rest = (more > 0, unnamed > 0) switch
        {
            (true, true) => $", {more} more named, {unnamed} not named",
            (true, false) => $" and {more} more",
            (false, true) => $", {unnamed} not named",
            _ => "",
        };
        return $"{customers} ({string.Join(", ", parts)}{rest})";
    }

    private static string CustomerKey(FeedbackItem item, string name) => $"customer:{item.Id}:{name.Trim().ToLowerInvariant()}";

    internal static bool Names(string highValue, string? customer, string text)
    {
        var name = highValue.Trim();
        if (name.Length == 0)
        {
            return false;
        }

        if (customer is not null && string.Equals(customer.Trim(), name, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}_]){Regex.Escape(name)}(?![\p{{L}}\p{{N}}_])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private async Task RaiseAsync(string key, FeedbackItem item, string channel, string text, List<string> raised, CancellationToken ct)
    {
        // The once-only key outlives the outbox's (purged after Slack:Outbox:KeepFinished); the post is queued before the
        // key is claimed, so a crash between the two leaves the outbox's own key to stop a second post.
        if (repository.IsAlertRecorded(key, item.Id))
        {
            return;
        }
        var queued = await outbox.EnqueueAsync($"alert:{key}", SlackEffects.Post(channel, new SlackMessage { Text = text }), ct);
        repository.TryRecordAlert(key, item.Id, time.GetUtcNow());
        if (queued)
        {
            raised.Add(key);
        }
    }

    private const int QuoteLength = 500;

    private static string LinkLine(FeedbackItem item) => item.SourceLink is { } link && SlackText.IsWebUrl(link) ? "\n" + SlackText.Link(link, "Original message") : "";
}
