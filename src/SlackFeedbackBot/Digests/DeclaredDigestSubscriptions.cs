using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Configuration;

namespace SlackFeedbackBot.Digests;

/// <summary>At start, stores the subscriptions from configuration (section Digests) and schedules every subscription,
/// before the scheduler starts and fires any missed digest.</summary>
public sealed class DeclaredDigestSubscriptions(
    DigestSubscriptions subscriptions,
    DigestSubscriptionRules rules,
    IOptions<DigestOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var declared = new List<DigestSubscription>();
        foreach (var configured in options.Value.Subscriptions)
        {
            // The validator has already refused anything this cannot read.
            declared.Add(rules.Check(configured.Channel, configured.Cadence, configured.TimeZone ?? options.Value.TimeZone,
                configured.Cron, configured.Bucket, configured.ProductArea, out _)!);
        }

        await subscriptions.SyncDeclaredAsync(declared, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Refuses to start with a digest subscription that cannot work, naming the setting and the fix.</summary>
public sealed class DigestOptionsValidator(DigestSubscriptionRules rules) : IValidateOptions<DigestOptions>
{
    public ValidateOptionsResult Validate(string? name, DigestOptions options)
    {
        var problems = new List<string>();
        if (DigestSubscriptionRules.FindZone(options.TimeZone) is null)
        {
            problems.Add($"{SettingName.Of("Digests:TimeZone")}: `{options.TimeZone}` is not a time zone I know. Use an IANA name such as `Europe/Berlin`.");
        }

        if (options.LateAfter <= TimeSpan.Zero || options.LateAfter > TimeSpan.FromDays(7))
        {
            problems.Add($"{SettingName.Of("Digests:LateAfter")} is {Duration.Format(options.LateAfter)}; set it to a duration longer than 0 and at most 7d, e.g. 10m.");
        }

        for (var index = 0; index < options.Subscriptions.Count; index++)
        {
            var s = options.Subscriptions[index];
            rules.Check(s.Channel, s.Cadence, s.TimeZone ?? options.TimeZone, s.Cron, s.Bucket, s.ProductArea, out var problem);
            if (problem is not null)
            {
                problems.Add($"{SettingName.Of($"Digests:Subscriptions:{index}")}: {problem}");
            }
        }

        var duplicates = options.Subscriptions
            .GroupBy(s => (Channel: DigestSubscriptionRules.TryParseChannelId(s.Channel, out var id) ? id : s.Channel, Cadence: DigestCadence.Parse(s.Cadence)))
            .Where(g => g.Count() > 1)
            .Select(g => $"Digests:Subscriptions: {g.Key.Channel} has {g.Count()} {g.Key.Cadence} subscriptions; a channel gets one digest per cadence.");
        problems.AddRange(duplicates);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
