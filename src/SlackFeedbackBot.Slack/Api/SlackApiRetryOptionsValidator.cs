using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Configuration;

namespace SlackFeedbackBot.Slack.Api;

/// <summary>Refuses retry settings the resilience pipeline cannot take (negative counts or waits, a timeout of nothing).</summary>
public sealed class SlackApiRetryOptionsValidator : IValidateOptions<SlackApiRetryOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackApiRetryOptions options)
    {
        var checks = new SettingChecks(SlackApiRetryOptions.Section);
        checks.Between(nameof(SlackApiRetryOptions.RateLimitMaxRetries), options.RateLimitMaxRetries, 0, 100);
        checks.Between(nameof(SlackApiRetryOptions.DefaultRetryAfter), options.DefaultRetryAfter, TimeSpan.Zero, TimeSpan.FromHours(1));
        checks.Between(nameof(SlackApiRetryOptions.MaxRetryAfter), options.MaxRetryAfter, TimeSpan.Zero, TimeSpan.FromHours(1));
        if (options.MaxRetryAfter >= TimeSpan.Zero && options.MaxRetryAfter < options.DefaultRetryAfter)
        {
            checks.Add(nameof(SlackApiRetryOptions.MaxRetryAfter), $"({Duration.Format(options.MaxRetryAfter)}) is shorter than DefaultRetryAfter ({Duration.Format(options.DefaultRetryAfter)}); make it at least as long.");
        }

        checks.Between(nameof(SlackApiRetryOptions.TransientMaxRetries), options.TransientMaxRetries, 0, 20);
        checks.Between(nameof(SlackApiRetryOptions.TransientBaseDelay), options.TransientBaseDelay, TimeSpan.Zero, TimeSpan.FromHours(1));
        checks.Between(nameof(SlackApiRetryOptions.TransientMaxDelay), options.TransientMaxDelay, TimeSpan.Zero, TimeSpan.FromHours(1));
        if (options.TransientMaxDelay >= TimeSpan.Zero && options.TransientMaxDelay < options.TransientBaseDelay)
        {
            checks.Add(nameof(SlackApiRetryOptions.TransientMaxDelay), $"({Duration.Format(options.TransientMaxDelay)}) is shorter than TransientBaseDelay ({Duration.Format(options.TransientBaseDelay)}); make it at least as long.");
        }

        // Polly takes attempt timeouts from 10 ms to a day.
        checks.Between(nameof(SlackApiRetryOptions.AttemptTimeout), options.AttemptTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1));
        return checks.Result();
    }
}

/// <summary>Refuses a negative spacing of posts.</summary>
public sealed class SlackPostPacingOptionsValidator : IValidateOptions<SlackPostPacingOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackPostPacingOptions options)
    {
        var checks = new SettingChecks(SlackPostPacingOptions.Section);
        checks.Between(nameof(SlackPostPacingOptions.IntervalPerChannel), options.IntervalPerChannel, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        return checks.Result();
    }
}
