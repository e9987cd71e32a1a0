using Quartz;
using SlackFeedbackBot.Scheduling;

namespace SlackFeedbackBot.Digests;

/// <summary>
/// Puts each subscription on the Quartz calendar as a cron trigger in the subscriber's zone, under a runtime-only key
/// (group <see cref="TriggerGroup"/>, never declared in AddQuartz, so a restart does not overwrite it). Misfires use
/// FireAndProceed: a digest due while the bot was down fires once when it is back. Changes go through
/// <see cref="SchedulerDeclarations"/>, so instances starting together on one database schedule each digest once.
/// </summary>
public sealed class DigestScheduler(ISchedulerFactory schedulers, SchedulerDeclarations declarations, TimeProvider time)
{
    public const string TriggerGroup = "digest-subscriptions";
    public static readonly JobKey Job = new("digest-post", "digests");
    public const string SubscriptionData = "subscriptionId";

    public static TriggerKey TriggerKeyFor(DigestSubscription subscription) => new($"{subscription.ChannelId}|{subscription.Cadence}", TriggerGroup);

    /// <summary>Schedules the subscription unless a trigger with the same cron, zone and data is already there: replacing an
    /// unchanged trigger would forget a fire missed while the bot was down.</summary>
    public async Task EnsureAsync(DigestSubscription subscription, CancellationToken ct)
    {
        // On the app's clock: a cron trigger starts from "now", and a wall-clock "now" would skip fires a fake or shifted clock still owes.
        var trigger = TriggerBuilder.Create(time)
            .WithIdentity(TriggerKeyFor(subscription))
            .ForJob(Job)
            .UsingJobData(SubscriptionData, Id(subscription))
            .WithCronSchedule(subscription.Cron, cron => cron
                .InTimeZone(subscription.Zone)
                .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        await declarations.EnsureAsync(
            trigger,
            stored => stored is ICronTrigger existing
                && existing.CronExpressionString == subscription.Cron
                && existing.TimeZone.Id == subscription.Zone.Id
                && existing.JobDataMap.GetString(SubscriptionData) == Id(subscription),
            ct);
    }

    public async Task RemoveAsync(DigestSubscription subscription, CancellationToken ct)
    {
        await using var scope = await declarations.HoldAsync(ct);
        await scope.Scheduler.UnscheduleJob(TriggerKeyFor(subscription), ct);
    }

    /// <summary>Drops triggers whose subscription is gone (removed from configuration while the bot was down).</summary>
    public async Task RemoveAllExceptAsync(IEnumerable<DigestSubscription> keep, CancellationToken ct)
    {
        var wanted = keep.Select(TriggerKeyFor).ToHashSet();
        await using var scope = await declarations.HoldAsync(ct);
        foreach (var key in await scope.Scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(TriggerGroup), ct))
        {
            if (!wanted.Contains(key))
            {
                await scope.Scheduler.UnscheduleJob(key, ct);
            }
        }
    }

    public async Task<DateTimeOffset?> NextFireAsync(DigestSubscription subscription, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        return (await scheduler.GetTrigger(TriggerKeyFor(subscription), ct))?.NextFireTimeUtc;
    }

    /// <summary>
    /// The cron time a fire was meant for: the latest occurrence of the schedule at or before <paramref name="scheduledFireUtc"/>.
    /// On time that is the scheduled time itself; after a misfire Quartz reports "now" as the scheduled time, and this walks back
    /// to the occurrence that was missed, so the digest still covers the period it was meant for.
    /// </summary>
    public static DateTimeOffset IntendedFireTime(string cron, TimeZoneInfo zone, DateTimeOffset scheduledFireUtc)
    {
        var expression = new CronExpression(cron, zone);
        foreach (var lookBack in new[] { TimeSpan.FromDays(8), TimeSpan.FromDays(32), TimeSpan.FromDays(400) })
        {
            DateTimeOffset? latest = null;
            var next = expression.GetNextValidTimeAfter(scheduledFireUtc - lookBack - TimeSpan.FromSeconds(1));
            while (next is { } at && at <= scheduledFireUtc)
            {
                latest = at;
                next = expression.GetNextValidTimeAfter(at);
            }

            if (latest is { } found)
            {
                return found;
            }
        }

        return scheduledFireUtc;
    }

    private static string Id(DigestSubscription subscription) => subscription.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
