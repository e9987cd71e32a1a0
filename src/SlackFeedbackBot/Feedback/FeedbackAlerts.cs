using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Outbox;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// Escalation thresholds: one issue (an item and those merged into it) heard N times within D days, or a high-value customer named. Each alert is
/// recorded and posted through the outbox under its key (<c>alert:reports:42:3</c>), so it is posted once, outage or not.
/// </summary>
public sealed class FeedbackAlerts(
    FeedbackRepository repository,
    FeedbackBuckets buckets,
    ISlackOutbox outbox,
    IOptions<FeedbackOptions> options,
    TimeProvider time,
    Issues.IssueRepository issues)
{
    /// <summary>Checks the thresholds after <paramref name="item"/> got a report with <paramref name="words"/> about <paramref name="customer"/>.</summary>
    public async Task<IReadOnlyList<string>> CheckAsync(FeedbackItem item, string words, string? customer, CancellationToken ct)
    {
        var thresholds = options.Value.Thresholds;
        var raised = new List<string>();
        if (string.IsNullOrWhiteSpace(thresholds.AlertChannel))
        {
            return raised;
        }

        // Thresholds count the issue: the reports of its root and of every item merged into it, under the root's number.
        if (issues.RootOf(item.Id) is { } root && root != item.Id && repository.Get(root) is { } rootItem)
        {
            item = rootItem;
        }

        var now = time.GetUtcNow();
        var reports = issues.CountReportsSince(item.Id, now.AddDays(-thresholds.WithinDays));
        if (reports >= thresholds.ReportCount)
        {
            var text = $":rotating_light: Feedback #{item.Id} has been heard {reports} times in the last {thresholds.WithinDays} days ({buckets.Display(item.Bucket)}):\n{SlackText.QuoteDefused(item.Text, QuoteLength)}{LinkLine(item)}";
            await RaiseAsync($"reports:{item.Id}:{thresholds.ReportCount}", item, thresholds.AlertChannel, text, raised, ct);
        }

        foreach (var name in thresholds.HighValueCustomers.Where(n => Names(n, customer, words)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var text = $":star: High-value customer *{SlackText.Escape(name.Trim())}* in feedback #{item.Id} ({buckets.Display(item.Bucket)}):\n{SlackText.QuoteDefused(words, QuoteLength)}{LinkLine(item)}";
            await RaiseAsync($"customer:{item.Id}:{name.Trim().ToLowerInvariant()}", item, thresholds.AlertChannel, text, raised, ct);
        }

        return raised;
    }

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
        repository.TryRecordAlert(key, item.Id, time.GetUtcNow());
        if (await outbox.EnqueueAsync($"alert:{key}", SlackEffects.Post(channel, new SlackMessage { Text = text }), ct))
        {
            raised.Add(key);
        }
    }

    private const int QuoteLength = 500;

    private static string LinkLine(FeedbackItem item) => item.SourceLink is { } link && SlackText.IsWebUrl(link) ? "\n" + SlackText.Link(link, "Original message") : "";
}
