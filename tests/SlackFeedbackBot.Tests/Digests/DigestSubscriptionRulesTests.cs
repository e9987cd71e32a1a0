using Microsoft.Extensions.Options;
using SlackFeedbackBot.Digests;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Tests.Digests;

/// <summary>How subscriptions are read from configuration and checked, wherever they come from.</summary>
public sealed class DigestSubscriptionRulesTests
{
    private static readonly DigestSubscriptionRules Rules = new(
        new FeedbackBuckets(SpotlightClassifier.CreateDefault()),
        Options.Create(new ProductAreaOptions { Areas = [new ProductAreaRule { Id = "billing", Phrases = ["invoice"] }] }));

    [TestCase("<#C0123ABC|product>", "C0123ABC")]
    [TestCase("<#C0123ABC>", "C0123ABC")]
    [TestCase("<G0PRIVATE|>", "G0PRIVATE")]
    [TestCase(" C0123ABC ", "C0123ABC")]
    public void ChannelLinksAndIds_AreRead(string typed, string id)
    {
        Assert.That(DigestSubscriptionRules.TryParseChannelId(typed, out var channel), Is.True);
        Assert.That(channel, Is.EqualTo(id));
    }

    [TestCase("#product")]
    [TestCase("product")]
    [TestCase("<@U0123ABC>")]
    [TestCase("c0123abc")]
    [TestCase("")]
    public void AnythingElse_IsNotAChannel(string typed) =>
        Assert.That(DigestSubscriptionRules.TryParseChannelId(typed, out _), Is.False);

    [Test]
    public void Check_FillsTheCadencesDefaultTime()
    {
        var weekly = Rules.Check("C0123ABC", "Weekly", "Europe/Berlin", null, null, null, out var problem);
        var monthly = Rules.Check("C0123ABC", "month", "UTC", " ", "User Experience", "BILLING", out _);

        Assert.That(problem, Is.Null);
        Assert.That((weekly!.Cadence, weekly.Cron), Is.EqualTo(("weekly", "0 0 9 ? * MON")));
        Assert.That((monthly!.Cadence, monthly.Cron, monthly.Bucket, monthly.ProductArea), Is.EqualTo(("monthly", "0 0 9 1 * ?", (string?)"user_experience", (string?)"billing")));
    }

    [TestCase("product", "weekly", "UTC", null, null, null, "`product` is not a channel")]
    [TestCase("C0123ABC", "daily", "UTC", null, null, null, "`daily` is not a digest cadence. Use `weekly` or `monthly`.")]
    [TestCase("C0123ABC", "weekly", "Mars/Olympus", null, null, null, "`Mars/Olympus` is not a time zone I know")]
    [TestCase("C0123ABC", "weekly", "UTC", "every monday", null, null, "`every monday` is not a valid Quartz cron expression")]
    [TestCase("C0123ABC", "weekly", "UTC", null, "bugs", null, "There is no bucket called `bugs`. Valid buckets: `positioning`, `user_experience`, `product_marketing`, `unclassified`.")]
    [TestCase("C0123ABC", "weekly", "UTC", null, null, "shipping", "There is no product area called `shipping`. Product areas: `billing`.")]
    public void Check_BadSettings_SaySoPlainly(string channel, string cadence, string zone, string? cron, string? bucket, string? area, string expected)
    {
        var subscription = Rules.Check(channel, cadence, zone, cron, bucket, area, out var problem);

        Assert.That(subscription, Is.Null);
        Assert.That(problem, Does.StartWith(expected));
    }

    [Test]
    public void ParseFilter_ReadsABucketOrAnArea()
    {
        Assert.That(Rules.ParseFilter("product marketing", out _), Is.EqualTo(new DigestFilter("product_marketing", null)));
        Assert.That(Rules.ParseFilter("Billing", out _), Is.EqualTo(new DigestFilter(null, "billing")));
        Assert.That(Rules.ParseFilter("  ", out _), Is.EqualTo(DigestFilter.None));
        Assert.That(Rules.ParseFilter("weather", out var problem), Is.Null);
        Assert.That(problem, Does.Contain("Product areas: `billing`"));
    }

    [Test]
    public void Validator_NamesEveryBrokenSubscription()
    {
        var options = new DigestOptions
        {
            TimeZone = "Europe/Berlin",
            Subscriptions =
            [
                new DigestSubscriptionOptions { Channel = "C0GOOD001", Cadence = "weekly" },
                new DigestSubscriptionOptions { Channel = "#product", Cadence = "weekly" },
                new DigestSubscriptionOptions { Channel = "C0GOOD001", Cadence = "fortnightly" },
                new DigestSubscriptionOptions { Channel = "C0GOOD001", Cadence = "week", ProductArea = "billing" },
            ],
        };

        var result = new DigestOptionsValidator(Rules).Validate(null, options);

        Assert.That(result.Failed, Is.True);
        Assert.That(result.Failures, Has.Some.StartsWith("Digests:Subscriptions:1 (Digests__Subscriptions__1): `#product` is not a channel"));
        Assert.That(result.Failures, Has.Some.StartsWith("Digests:Subscriptions:2 (Digests__Subscriptions__2): `fortnightly` is not a digest cadence"));
        Assert.That(result.Failures, Has.Some.Contains("C0GOOD001 has 2 weekly subscriptions"));
        Assert.That(new DigestOptionsValidator(Rules).Validate(null, new DigestOptions { Subscriptions = [options.Subscriptions[0]] }).Succeeded, Is.True);
    }

    [TestCase("reports:42:10", "#42 heard 10 times")]
    [TestCase("customer:7:acme", "#7 from high-value customer acme")]
    [TestCase("something-else", "something-else")]
    public void AlertKeys_ReadAsSentences(string key, string sentence) =>
        Assert.That(ThresholdsSection.DescribeAlert(key), Is.EqualTo(sentence));
}
