using Dapper;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Feedback;

namespace SlackFeedbackBot.Tests.Storage;

/// <summary>
/// Migration 0014 moves Feedback's alert keys and "reporter told" marks into the one once-only store. A database upgraded
/// from version 13 keeps every key: a second resolve tells nobody again, and an alert raised before is not raised again.
/// </summary>
public sealed class OnceOnlyMigrationTests
{
    private static readonly Dictionary<string, string?> Thresholds = new()
    {
        ["Feedback:Thresholds:ReportCount"] = "2",
        ["Feedback:Thresholds:WithinDays"] = "30",
        ["Feedback:Thresholds:AlertChannel"] = "CALERTS",
    };

    private long _itemId;

    // A version-13 database in which item 1 was resolved (U1 and U2 told) and its "heard twice" alert was raised.
    private void AsVersion13Left(Database database)
    {
        Database.CreateFile(database.Path);
        using var connection = database.Open();
        foreach (var (version, _, sql) in Migrator.Scripts.Where(script => script.Version <= 13))
        {
            connection.Execute(sql);
            connection.Execute($"PRAGMA user_version = {version};");
        }

        // Written as version 13 wrote it: today's repository knows columns that came later.
        var at = FeedbackHarness.Start.AddDays(-10).ToUnixTimeMilliseconds();
        var day = (long)TimeSpan.FromDays(1).TotalMilliseconds;
        _itemId = connection.ExecuteScalar<long>("""
            INSERT INTO feedback_items (text, reporter_id, capture_path, bucket, status, created_at, updated_at, resolved_at, resolved_by, resolution)
            VALUES ('Can I export to Excel?', 'U1', @path, 'product_marketing', 'resolved', @at, @resolvedAt, @resolvedAt, 'U9', 'Excel export shipped')
            RETURNING id
            """, new { path = CapturePaths.Command, at, resolvedAt = at + day });
        connection.Execute("""
            INSERT INTO feedback_reports (item_id, reporter_id, text, customer, created_at)
            VALUES (@id, 'U1', 'Can I export to Excel?', NULL, @at), (@id, 'U2', 'same here', 'Globex', @later)
            """, new { id = _itemId, at, later = at + day / 24 });
        var ms = at + day;
        connection.Execute("INSERT INTO feedback_notifications (item_id, reporter_id, notified_at) VALUES (@id, 'U1', @ms), (@id, 'U2', @ms)", new { id = _itemId, ms });
        connection.Execute("INSERT INTO feedback_alerts (alert_key, item_id, created_at) VALUES (@key, @id, @ms)", new { key = $"reports:{_itemId}:2", id = _itemId, ms });
    }

    [Test]
    public async Task UpgradedDatabase_KeepsWhoWasTold_SoASecondResolveSendsNothing()
    {
        using var h = new FeedbackHarness(existing: AsVersion13Left);

        var again = await h.Get<FeedbackResolver>().ResolveAsync(_itemId, "U9", "Excel export shipped", CancellationToken.None);
        await h.DrainOutboxAsync();

        Assert.That((again.Told, again.AlreadyTold), Is.EqualTo((0, 2)));
        Assert.That(h.Api.Posts.Where(post => post.Channel.StartsWith('D')), Is.Empty, "nobody is told twice");
        Assert.That(h.Repository.NotifiedReporters(_itemId), Is.EqualTo(new[] { "U1", "U2" }));
        using var connection = h.Database.Open();
        Assert.That(connection.ExecuteScalar<long>("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('feedback_alerts', 'feedback_notifications')"), Is.Zero,
            "the old tables are gone");
    }

    [Test]
    public async Task UpgradedDatabase_KeepsRaisedAlerts_SoTheyAreNotRaisedAgain()
    {
        using var h = new FeedbackHarness(Thresholds, existing: AsVersion13Left);
        h.Get<FeedbackResolver>().Reopen(_itemId);

        var outcome = await h.Service.AddSameAsync(_itemId, "U3", "We need this too", "Hooli", CancellationToken.None);
        await h.DrainOutboxAsync();

        Assert.That(outcome.Problem, Is.Null);
        Assert.That(h.Api.Posts.Where(post => post.Channel == "CALERTS"), Is.Empty, "the alert raised before the upgrade counts");
        Assert.That(h.Get<FeedbackDigestQueries>().AlertsIn(FeedbackHarness.Start.AddDays(-30), FeedbackHarness.Start.AddDays(1)).Select(alert => alert.AlertKey),
            Is.EqualTo(new[] { $"reports:{_itemId}:2" }));
    }

    [Test]
    public async Task Reopen_ForgetsWhoWasTold_SoTheNextResolveTellsEveryoneAgain()
    {
        using var h = new FeedbackHarness(existing: AsVersion13Left);
        var resolver = h.Get<FeedbackResolver>();

        Assert.That(resolver.Reopen(_itemId), Is.Null);
        var next = await resolver.ResolveAsync(_itemId, "U9", "Excel export now keeps formulas", CancellationToken.None);
        await h.DrainOutboxAsync();

        Assert.That(next.Told, Is.EqualTo(2));
        Assert.That(h.Api.Posts.Where(post => post.Channel.StartsWith('D')).Select(post => post.Channel).Order(), Is.EqualTo(new[] { "DU1", "DU2" }));
    }

    [Test]
    public void Claim_IsRefusedTheSecondTime_AndPrefixesDoNotLeakIntoEachOther()
    {
        using var dir = new SlackFeedbackBot.Tests.Support.TempDirectory();
        var database = new Database(dir.File("bot.db"));
        database.Initialize();
        var once = new OnceOnly(database);
        var now = FeedbackHarness.Start;

        Assert.That(once.TryClaim(FeedbackOnceKeys.Told(4, "U1"), now), Is.True);
        Assert.That(once.TryClaim(FeedbackOnceKeys.Told(4, "U1"), now), Is.False);
        once.TryClaim(FeedbackOnceKeys.Told(42, "U1"), now);

        Assert.That(once.Claimed(FeedbackOnceKeys.ToldAbout(4)).Select(claim => claim.Key), Is.EqualTo(new[] { "feedback:told:4:U1" }),
            "item 4's keys are not item 42's");
    }
}
