using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Configuration;

namespace SlackFeedbackBot.Customers;

/// <summary>Checks the <c>Customers</c> section at start: one line per problem, naming the setting.</summary>
public sealed class CustomerOptionsValidator : IValidateOptions<CustomerOptions>
{
    public ValidateOptionsResult Validate(string? name, CustomerOptions options)
    {
        var problems = new List<string>();
        for (var i = 0; i < options.TierWeights.Count; i++)
        {
            var tier = options.TierWeights[i];
            if (string.IsNullOrWhiteSpace(tier.Tier))
            {
                problems.Add($"{SettingName.Of($"Customers:TierWeights:{i}:Tier")} is empty: name the tier it weighs, e.g. enterprise.");
            }

            Positive(problems, $"Customers:TierWeights:{i}:Weight", tier.Weight);
        }

        var duplicate = options.TierWeights.GroupBy(t => t.Tier.Trim(), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Key.Length > 0 && g.Count() > 1);
        if (duplicate is not null)
        {
            problems.Add($"{SettingName.Of("Customers:TierWeights")} names the tier \"{duplicate.Key}\" twice: keep one weight per tier.");
        }

        for (var i = 0; i < options.RevenueBands.Count; i++)
        {
            if (options.RevenueBands[i].AtLeast < 0)
            {
                problems.Add($"{SettingName.Of($"Customers:RevenueBands:{i}:AtLeast")} is {options.RevenueBands[i].AtLeast}; it must be 0 or more.");
            }

            Positive(problems, $"Customers:RevenueBands:{i}:Weight", options.RevenueBands[i].Weight);
        }

        Positive(problems, "Customers:ImportanceWeights:Low", options.ImportanceWeights.Low);
        Positive(problems, "Customers:ImportanceWeights:Medium", options.ImportanceWeights.Medium);
        Positive(problems, "Customers:ImportanceWeights:High", options.ImportanceWeights.High);
        if (options.HighValue.AnnualRevenue < 0)
        {
            problems.Add($"{SettingName.Of("Customers:HighValue:AnnualRevenue")} is {options.HighValue.AnnualRevenue}; it must be 0 (off) or an annual revenue such as 100000.");
        }

        if (options.HighValue.Tiers.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add($"{SettingName.Of("Customers:HighValue:Tiers")} contains an empty tier.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Positive(List<string> problems, string setting, double weight)
    {
        if (!(weight > 0) || double.IsInfinity(weight))
        {
            problems.Add($"{SettingName.Of(setting)} is {weight}; a weight must be more than 0 (1 counts a customer once).");
        }
    }
}
