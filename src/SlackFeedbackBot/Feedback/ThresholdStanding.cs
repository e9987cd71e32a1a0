using System.Globalization;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Feedback;

/// <summary>Where an item stands against its threshold: the weighted customers heard in the window, and why the bar is there.</summary>
public sealed record ThresholdStanding(double Weight, int Customers, int Threshold, int WithinDays, string Explanation)
{
    public bool Reached => Weight >= Threshold;

    /// <summary>"3 of 10 customers: the product team reviews an issue when 10 customers in 30 days report it".</summary>
    public string Sentence()
    {
        var why = Explanation
            .Replace("{threshold}", Threshold.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{days}", WithinDays.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Trim();
        var weighted = Math.Abs(Weight - Customers) > 0.001 ? $", {Customers} heard, weighted by value and importance" : "";
        var standing = $"{Number(Weight)} of {Threshold} customers{(Reached || weighted.Length > 0 ? $" ({(Reached ? "threshold reached" : "")}{(Reached ? weighted : weighted.TrimStart(',', ' '))})" : "")}";
        return why.Length == 0 ? standing : $"{standing}: {SlackText.Escape(why)}";
    }

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
