using System.Globalization;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Digests;

/// <summary>The escalation thresholds reached in the period, in order.</summary>
public sealed class ThresholdsSection : IDigestSection
{
    /// <summary>The alerts raised in the period, for issues that are still there.</summary>
    public Task<DigestInput> LoadAsync(DigestLoad load, DigestInput input, CancellationToken ct) =>
        Task.FromResult(input with
        {
            Thresholds = load.Sources.Feedback.AlertsIn(load.Query.Period.From, load.Query.Period.To, load.Filter)
                .Select(alert => new ThresholdHit(DescribeAlert(alert.AlertKey), alert.IssueId, alert.RaisedAt) { ProductArea = alert.ProductArea, Permalink = alert.Permalink })
                .ToList(),
        });

    /// <summary>Those reached in the period, for the area's feedback or for an item the digest shows.</summary>
    public Digest Build(DigestInput input, Digest digest)
    {
        var shownItemIds = input.HeardInArea().Concat(ResolvedSection.InPeriod(input)).Concat(TriageSection.Waiting(input))
            .Select(item => item.Id).ToHashSet();
        var thresholds = input.Thresholds
            .Where(hit => input.Period.Contains(hit.ReachedAt))
            .Where(hit => input.InArea(hit.ProductArea) || shownItemIds.Contains(hit.ItemId))
            .OrderBy(hit => hit.ReachedAt).ThenBy(hit => hit.ItemId)
            .ToList();
        return digest with
        {
            Thresholds = thresholds.Take(input.Settings.ThresholdsShown).ToList(),
            ThresholdsNotShown = Math.Max(0, thresholds.Count - input.Settings.ThresholdsShown),
        };
    }

    /// <summary>What an alert key ("reports:42:10", "customer:42:acme") means to a reader.</summary>
    public static string DescribeAlert(string alertKey)
    {
        var parts = alertKey.Split(':', 3);
        return parts switch
        {
            ["reports", var id, var count] => $"#{id} heard {count} times",
            ["customer", var id, var name] => $"#{id} from high-value customer {name}",
            _ => alertKey,
        };
    }

    public IEnumerable<DigestPart> Blocks(Digest digest)
    {
        if (digest.Thresholds.Count == 0)
        {
            return [];
        }
        var lines = new List<string> { "*Thresholds reached*" };
        lines.AddRange(digest.Thresholds.Select(hit =>
            $"• {SlackText.Link(hit.Permalink, SlackText.Excerpt(SlackText.Readable(hit.Description), DigestMarkup.MaxQuote))} ({Day(hit)})"));
        if (digest.ThresholdsNotShown > 0)
        {
            lines.Add($"_…and {digest.ThresholdsNotShown} more_");
        }
        return DigestMarkup.Sections(lines);
    }

    public IEnumerable<string> Text(Digest digest)
    {
        if (digest.Thresholds.Count == 0)
        {
            return [];
        }
        var lines = new List<string> { "", "Thresholds reached" };
        lines.AddRange(digest.Thresholds.Select(hit => $"  - {hit.Description} (item {hit.ItemId}, {Day(hit)}){DigestMarkup.LinkSuffix(hit.Permalink)}"));
        if (digest.ThresholdsNotShown > 0)
        {
            lines.Add($"  ...and {digest.ThresholdsNotShown} more");
        }
        return lines;
    }

    private static string Day(ThresholdHit hit) => hit.ReachedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
