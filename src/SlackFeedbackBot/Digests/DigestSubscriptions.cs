namespace SlackFeedbackBot.Digests;

/// <summary>Adds, removes and lists digest subscriptions, keeping the Quartz triggers in step with the table.</summary>
public sealed class DigestSubscriptions(DigestSubscriptionRepository repository, DigestScheduler scheduler, TimeProvider time)
{
    public IReadOnlyList<DigestSubscription> All() => repository.All();

    public async Task<DigestSubscription> SubscribeAsync(DigestSubscription subscription, CancellationToken ct)
    {
        var stored = repository.Upsert(subscription, time.GetUtcNow());
        await scheduler.EnsureAsync(stored, ct);
        return stored;
    }

    /// <summary>Removes the channel's subscriptions made in Slack. Declared ones stay (configuration owns them) and are returned.</summary>
    public async Task<(IReadOnlyList<DigestSubscription> Removed, IReadOnlyList<DigestSubscription> Declared)> UnsubscribeAsync(string channelId, CancellationToken ct)
    {
        var existing = repository.ForChannel(channelId);
        var removed = existing.Where(s => !s.Declared).ToList();
        foreach (var subscription in removed)
        {
            repository.Delete(subscription.Id);
            await scheduler.RemoveAsync(subscription, ct);
        }

        return (removed, existing.Where(s => s.Declared).ToList());
    }

    /// <summary>Makes the declared subscriptions match <paramref name="declared"/> and gives every subscription its trigger.</summary>
    public async Task SyncDeclaredAsync(IReadOnlyList<DigestSubscription> declared, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var wanted = declared.Select(s => (s.ChannelId, s.Cadence)).ToHashSet();
        foreach (var stale in repository.All().Where(s => s.Declared && !wanted.Contains((s.ChannelId, s.Cadence))))
        {
            repository.Delete(stale.Id);
        }

        foreach (var subscription in declared)
        {
            repository.Upsert(subscription with { Declared = true, CreatedBy = "configuration" }, now);
        }

        var all = repository.All();
        foreach (var subscription in all)
        {
            await scheduler.EnsureAsync(subscription, ct);
        }

        await scheduler.RemoveAllExceptAsync(all, ct);
    }
}
