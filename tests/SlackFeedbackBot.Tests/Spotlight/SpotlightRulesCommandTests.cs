using SlackFeedbackBot.Spotlight;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Spotlight;

/// <summary>`spotlight rules remove ID` and `spotlight rules` through the built executable.</summary>
public sealed class SpotlightRulesCommandTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Remove_TakesTheRuleBackInOneLine_TheListShowsItRemoved_AndAgainIsRefusedWithTheFix()
    {
        using var dir = new TempDirectory();
        var db = dir.File("bot.db");
        var database = new Database(db);
        database.Initialize();
        var (rule, _) = new SpotlightRuleStore(database).Add(SpotlightBuckets.UserExperience, "keeps tripping me", "U0ANA", Noon, 12);

        var (code, output) = await BotProcess.RunToExitAsync(dir.Path, "spotlight", "rules", "remove", rule.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--by", "U0BEN", "--db", db);
        var (listCode, list) = await BotProcess.RunToExitAsync(dir.Path, "spotlight", "rules", "--db", db);
        var (againCode, again) = await BotProcess.RunToExitAsync(dir.Path, "spotlight", "rules", "remove", "1", "--db", db);
        var (badCode, bad) = await BotProcess.RunToExitAsync(dir.Path, "spotlight", "rules", "remove", "how", "--db", db);

        Assert.That(code, Is.EqualTo(0), output);
        Assert.That(output.Trim().Split('\n'), Has.Length.EqualTo(1), output);
        Assert.That(output, Does.StartWith("Removed rule 1, user_experience: \"keeps tripping me\" (added by U0ANA on 2026-11-23 12:00 UTC from #12): it classified no items today."));
        Assert.That(listCode, Is.EqualTo(0), list);
        Assert.That(list, Does.Contain("user_experience\tremoved\tkeeps tripping me\tadded by U0ANA on 2026-11-23 12:00 UTC from #12; removed by U0BEN on ").And.Not.Contain("\tphrase\tkeeps tripping me"));
        Assert.That((againCode, again), Is.EqualTo((1, again)));
        Assert.That(again, Does.Contain("was removed already by U0BEN").And.Not.Contain("   at "));
        Assert.That(badCode, Is.EqualTo(1));
        Assert.That(bad, Does.Contain("\"how\" is not a rule id"));
    }
}
