using Dapper;
using SlackFeedbackBot.Spotlight;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Storage;

/// <summary>Migration 0017 lets added Spotlight rules be removed (kept, marked) on a database version 16 left with rules in it.</summary>
public sealed class SpotlightRuleRemovalMigrationTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Version16Database_KeepsItsRulesAndIds_AndTheyCanBeRemovedAndAddedAgain()
    {
        using var dir = new TempDirectory();
        var database = new Database(dir.File("bot.db"));
        Database.CreateFile(database.Path);
        using (var connection = database.Open())
        {
            foreach (var (version, _, sql) in Migrator.Scripts.Where(script => script.Version <= 16))
            {
                connection.Execute(sql);
                connection.Execute($"PRAGMA user_version = {version};");
            }

            // Written as version 16 wrote it.
            connection.Execute("""
                INSERT INTO spotlight_rules (id, bucket, phrase, added_by, added_at, from_item_id)
                VALUES (4, 'user_experience', 'keeps tripping me', 'U0ANA', @at, 12), (7, 'product_marketing', 'is it doable', 'U0BEN', @at, NULL)
                """, new { at = Noon.ToUnixTimeMilliseconds() });
        }

        Assert.That(database.Initialize(), Is.EqualTo(Migrator.LatestVersion));

        var rules = new SpotlightRuleSet(new SpotlightOptions(), new SpotlightRuleStore(database));
        Assert.That(rules.LearnedRules.Select(r => (r.Id, r.Phrase, r.AddedBy, r.AddedAt, r.FromItemId, r.IsRemoved)), Is.EqualTo(new[]
        {
            (4L, "keeps tripping me", "U0ANA", Noon, (long?)12, false),
            (7L, "is it doable", "U0BEN", Noon, (long?)null, false),
        }));
        Assert.That(rules.Remove(4, "U0CIARA", Noon.AddDays(1)).Outcome, Is.EqualTo(SpotlightRuleRemovalOutcome.Removed));
        Assert.That(rules.Add("user_experience", "keeps tripping me", "U0ANA", Noon.AddDays(2), 12)!.Value.Added, Is.True);
        Assert.That(rules.Add("product_marketing", "is it doable", "U0ANA", Noon.AddDays(2), null)!.Value.Added, Is.False, "a rule in use is still unique");
        using var check = database.Open();
        Assert.That(check.ExecuteScalar<long>("SELECT COUNT(*) FROM spotlight_rules"), Is.EqualTo(3));
    }
}
