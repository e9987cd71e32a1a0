using System.Globalization;
using SlackFeedbackBot.Feedback.Issues;

namespace SlackFeedbackBot.Tests.Feedback.Issues;

/// <summary>
/// The matcher on a labelled set of pairs in support language (issue-pairs.tsv): the same issue told in other words,
/// by other people about other customers, and different issues that share vocabulary. Rarity is counted over every
/// text of the set, as the bot counts it over every item it holds; customers named in the set are the known customers.
/// bench/issue-matcher.sh runs this test and prints the figures.
/// </summary>
public sealed class IssueMatcherLabelledSetTests
{
    public const double PrecisionFloor = 0.9;
    public const double RecallFloor = 0.7;

    private sealed record Pair(bool Same, string? CustomerA, string TextA, string? CustomerB, string TextB);

    private static IReadOnlyList<Pair> Pairs()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Feedback", "Issues", "issue-pairs.tsv");
        return File.ReadLines(path)
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t'))
            .Select(c => new Pair(c[0] == "same", Customer(c[1]), c[2], Customer(c[3]), c[4]))
            .ToList();
    }

    private static string? Customer(string cell) => cell == "-" ? null : cell;

    [Test]
    public void LabelledSet_HasAtLeast150PairsOfBothKinds()
    {
        var pairs = Pairs();
        Assert.That(pairs, Has.Count.GreaterThanOrEqualTo(150));
        Assert.That(pairs.Count(p => p.Same), Is.GreaterThanOrEqualTo(60));
        Assert.That(pairs.Count(p => !p.Same), Is.GreaterThanOrEqualTo(60));
    }

    [Test]
    public void Matcher_OnTheLabelledSet_MeetsItsPrecisionAndRecallFloors()
    {
        var pairs = Pairs();
        var customers = pairs.SelectMany(p => new[] { p.CustomerA, p.CustomerB }).OfType<string>().Distinct().ToList();
        IssueWords Words(string text, string? customer) => IssueText.Read(text, customers.Append(customer));
        var rarity = new CountedRarity(pairs.SelectMany(p => new[] { (p.TextA, p.CustomerA), (p.TextB, p.CustomerB) }).Distinct().Select(t => Words(t.Item1, t.Item2)));

        var scored = pairs.Select(p => (Pair: p, Similarity: IssueScore.Of(Words(p.TextA, p.CustomerA), Words(p.TextB, p.CustomerB), rarity))).ToList();
        foreach (var threshold in new[] { 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6 })
        {
            var offered = scored.Where(s => s.Similarity.Score >= threshold).ToList();
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  at {threshold:0.00}: precision {offered.Count(s => s.Pair.Same) / (double)Math.Max(1, offered.Count):0.000}, recall {offered.Count(s => s.Pair.Same) / (double)pairs.Count(p => p.Same):0.000}"));
        }

        int truePositive = 0, falsePositive = 0, falseNegative = 0;
        foreach (var (pair, similarity) in scored)
        {
            var offered = similarity.Score >= IssueMatcher.DefaultThreshold;
            if (offered && pair.Same)
            {
                truePositive++;
            }
            else if (offered)
            {
                falsePositive++;
                TestContext.Out.WriteLine($"wrong offer ({similarity.Score:0.00}, {string.Join(' ', similarity.SharedWords)}): {pair.TextA} | {pair.TextB}");
            }
            else if (pair.Same)
            {
                falseNegative++;
                TestContext.Out.WriteLine($"missed ({similarity.Score:0.00}, {string.Join(' ', similarity.SharedWords)}): {pair.TextA} | {pair.TextB}");
            }
        }

        var precision = truePositive / (double)Math.Max(1, truePositive + falsePositive);
        var recall = truePositive / (double)Math.Max(1, truePositive + falseNegative);
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"issue matcher: {pairs.Count} pairs, threshold {IssueMatcher.DefaultThreshold}: precision {precision:0.000}, recall {recall:0.000} ({truePositive} right offers, {falsePositive} wrong offers, {falseNegative} missed)"));
        Assert.Multiple(() =>
        {
            Assert.That(precision, Is.GreaterThanOrEqualTo(PrecisionFloor), "precision");
            Assert.That(recall, Is.GreaterThanOrEqualTo(RecallFloor), "recall");
        });
    }
}
