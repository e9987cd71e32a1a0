using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace SlackFeedbackBot.Digests;

/// <summary>
/// Fires for one subscription (id in the trigger's data). The period comes from the time the fire was scheduled for,
/// never from "now", so a fire delayed by downtime still covers the period it was meant for, and says it is late.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DigestJob(
    DigestSubscriptionRepository subscriptions,
    DigestPublisher publisher,
    IOptions<DigestOptions> options,
    ILogger<DigestJob> log) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var id = long.Parse(context.MergedJobDataMap.GetString(DigestScheduler.SubscriptionData)!, CultureInfo.InvariantCulture);
        var subscription = subscriptions.Find(id);
        if (subscription is null)
        {
            log.LogInformation("Digest subscription {Id} no longer exists; nothing to post", id);
            return;
        }

        var scheduled = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        var intended = DigestScheduler.IntendedFireTime(subscription.Cron, subscription.Zone, scheduled);
        var late = context.FireTimeUtc - intended > options.Value.LateAfter;
        await publisher.PublishAsync(subscription, intended, late, cancellationToken);
    }
}
