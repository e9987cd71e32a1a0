using SlackFeedbackBot.Digests;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Digests;

/// <summary>Digest subscriptions in the database, the same on SQLite and PostgreSQL: one per channel and cadence.</summary>
[TestFixtureSource(typeof(ProviderDatabase), nameof(ProviderDatabase.Providers))]
public sealed class DigestSubscriptionRepositoryTests(StorageProvider provider)
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Upsert_ReplacesTheChannelsSubscriptionOfThatCadence_AndDeleteRemovesIt()
    {
        await using var db = await ProviderDatabase.CreateAsync(provider);
        var subscriptions = new DigestSubscriptionRepository(db.Database);
        var weekly = new DigestSubscription { ChannelId = "C1", Cadence = "weekly", TimeZone = "UTC", Cron = "0 0 9 ? * MON", Declared = true, CreatedBy = null };
        var monthly = new DigestSubscription { ChannelId = "C1", Cadence = "monthly", TimeZone = "Europe/Berlin", Cron = "0 0 9 1 * ?", Bucket = "user_experience", CreatedBy = "U1" };

        var first = subscriptions.Upsert(weekly, Now);
        var other = subscriptions.Upsert(monthly, Now);
        var replaced = subscriptions.Upsert(weekly with { ProductArea = "billing", Declared = false, CreatedBy = "U2" }, Now.AddDays(1));
        subscriptions.Upsert(weekly with { ChannelId = "C2" }, Now);

        Assert.That(replaced.Id, Is.EqualTo(first.Id));
        Assert.That(subscriptions.Find(first.Id), Is.EqualTo(weekly with { Id = first.Id, ProductArea = "billing", Declared = false, CreatedBy = "U2" }));
        Assert.That(subscriptions.Find(other.Id), Is.EqualTo(monthly with { Id = other.Id }));
        Assert.That(subscriptions.ForChannel("C1").Select(s => s.Cadence), Is.EqualTo(new[] { "monthly", "weekly" }));
        Assert.That(subscriptions.All().Select(s => (s.ChannelId, s.Cadence, s.Declared)), Is.EqualTo(new[] { ("C1", "monthly", false), ("C1", "weekly", false), ("C2", "weekly", true) }));

        Assert.That(subscriptions.Delete(other.Id), Is.EqualTo(1));
        Assert.That(subscriptions.Delete(other.Id), Is.Zero);
        Assert.That(subscriptions.Find(other.Id), Is.Null);
    }
}
