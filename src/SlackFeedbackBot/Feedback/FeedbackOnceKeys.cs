using System.Globalization;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// Feedback's keys in the general <see cref="Storage.OnceOnly"/> store. The item id comes first, so one item's keys are one
/// range: reopening forgets who was told (<c>feedback:told:42:</c>) without a scan.
/// </summary>
public static class FeedbackOnceKeys
{
    public const string AlertPrefix = "feedback:alert:";
    public const string ToldPrefix = "feedback:told:";

    /// <summary>An alert raised for an item, e.g. <c>feedback:alert:42:reports:42:10</c>.</summary>
    public static string Alert(long itemId, string alertKey) => $"{AlertPrefix}{Id(itemId)}:{alertKey}";

    /// <summary>A reporter told about the item's current resolution, e.g. <c>feedback:told:42:U1</c>.</summary>
    public static string Told(long itemId, string reporterId) => $"{ToldPrefix}{Id(itemId)}:{reporterId}";

    public static string ToldAbout(long itemId) => $"{ToldPrefix}{Id(itemId)}:";

    /// <summary>The item and the alert's own key ("reports:42:10") of an alert key; null for any other key.</summary>
    public static (long ItemId, string AlertKey)? ParseAlert(string key) =>
        Split(key, AlertPrefix) is var (id, rest) ? (id, rest) : null;

    /// <summary>The item and reporter of a "told" key; null for any other key.</summary>
    public static (long ItemId, string ReporterId)? ParseTold(string key) =>
        Split(key, ToldPrefix) is var (id, rest) ? (id, rest) : null;

    private static (long, string)? Split(string key, string prefix)
    {
        if (!key.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var rest = key.AsSpan(prefix.Length);
        var colon = rest.IndexOf(':');
        return colon > 0 && long.TryParse(rest[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? (id, rest[(colon + 1)..].ToString())
            : null;
    }

    private static string Id(long itemId) => itemId.ToString(CultureInfo.InvariantCulture);
}
