using Microsoft.Extensions.Options;

namespace SlackFeedbackBot.Customers;

/// <summary>What a customer is worth to thresholds, by the settings alone (no Slack, no database): weights and high value.</summary>
public sealed class CustomerValues(IOptions<CustomerOptions> options)
{
    /// <summary>What the customer's voice weighs: the larger of its tier's weight and its revenue band's; 1 when neither applies.</summary>
    public double ValueWeight(Customer customer)
    {
        var settings = options.Value;
        var tier = customer.Tier is null
            ? null
            : settings.TierWeights.FirstOrDefault(t => string.Equals(t.Tier.Trim(), customer.Tier.Trim(), StringComparison.OrdinalIgnoreCase));
        var band = customer.AnnualRevenue is { } revenue
            ? settings.RevenueBands.Where(b => revenue >= b.AtLeast).MaxBy(b => b.AtLeast)
            : null;
        return Math.Max(tier?.Weight ?? 1, band?.Weight ?? 1);
    }

    /// <summary>How much the importance a reporter gave multiplies the weight (none given: medium).</summary>
    public double ImportanceWeight(string? importance) => options.Value.ImportanceWeights.For(importance);

    /// <summary>Why the customer is high value ("Acme: annual revenue $250k ≥ $100k"), or null when it is not.</summary>
    public string? HighValueReason(Customer customer)
    {
        var bar = options.Value.HighValue;
        if (bar.AnnualRevenue > 0 && customer.AnnualRevenue is { } revenue && revenue >= bar.AnnualRevenue)
        {
            return $"{customer.Name}: annual revenue {Money.Short(revenue)} ≥ {Money.Short(bar.AnnualRevenue)}";
        }

        return customer.Tier is { } tier && bar.Tiers.Any(t => string.Equals(t.Trim(), tier.Trim(), StringComparison.OrdinalIgnoreCase))
            ? $"{customer.Name}: tier {tier.Trim()} is a high-value tier"
            : null;
    }

}
