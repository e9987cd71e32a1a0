using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Configuration;

namespace SlackFeedbackBot.Slack.Outbox;

/// <summary>How the outbox runs its tasks (section <c>Slack:Outbox</c>).</summary>
public sealed class SlackOutboxOptions
{
    public const string Section = "Slack:Outbox";

    /// <summary>Tasks run at the same time (each one Slack call at a time; waiting tasks hold no thread).</summary>
    public int Concurrency { get; set; } = 8;

    /// <summary>First wait after a transient failure; it doubles per attempt up to <see cref="RetryMaxDelay"/>, and tries go on until Slack answers.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long finished tasks are kept, so their keys keep dropping repeats (a replayed event, a second fire).</summary>
    public TimeSpan KeepFinished { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How long tasks Slack refused for good are kept (counted by the outbox health check, read by operators).</summary>
    public TimeSpan KeepFailed { get; set; } = TimeSpan.FromDays(14);

    /// <summary>A pending task older than this makes the outbox health check degraded.</summary>
    public TimeSpan BacklogDegradedAfter { get; set; } = TimeSpan.FromMinutes(5);
}

public sealed class SlackOutboxOptionsValidator : IValidateOptions<SlackOutboxOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOutboxOptions options)
    {
        var checks = new SettingChecks(SlackOutboxOptions.Section);
        checks.Between(nameof(SlackOutboxOptions.Concurrency), options.Concurrency, 1, 64);
        checks.Between(nameof(SlackOutboxOptions.RetryBaseDelay), options.RetryBaseDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromHours(1));
        checks.Between(nameof(SlackOutboxOptions.RetryMaxDelay), options.RetryMaxDelay, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1));
        if (options.RetryMaxDelay < options.RetryBaseDelay)
        {
            checks.Add(nameof(SlackOutboxOptions.RetryMaxDelay), $"({Duration.Format(options.RetryMaxDelay)}) is shorter than RetryBaseDelay ({Duration.Format(options.RetryBaseDelay)}); make it at least as long.");
        }

        checks.Between(nameof(SlackOutboxOptions.KeepFinished), options.KeepFinished, TimeSpan.FromMinutes(1), TimeSpan.FromDays(365));
        checks.Between(nameof(SlackOutboxOptions.KeepFailed), options.KeepFailed, TimeSpan.FromMinutes(1), TimeSpan.FromDays(365));
        checks.Between(nameof(SlackOutboxOptions.BacklogDegradedAfter), options.BacklogDegradedAfter, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        return checks.Result();
    }
}
