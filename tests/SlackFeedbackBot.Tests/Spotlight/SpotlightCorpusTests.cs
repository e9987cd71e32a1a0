using System.Globalization;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Tests.Spotlight;

public class SpotlightCorpusTests
{
    private const double RequiredAccuracy = 0.90;

    [Test]
    public void DefaultRules_OnTheSampleCorpus_ClassifyAtLeastNinetyPercentCorrectly()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Spotlight", "corpus.tsv");
        var samples = File.ReadAllLines(path)
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t', 2))
            .Select(parts => (Expected: parts[0], Text: parts[1].Replace("\\n", "\n", StringComparison.Ordinal)))
            .ToList();
        var classifier = SpotlightClassifier.CreateDefault();

        var misses = new List<string>();
        foreach (var (expected, text) in samples)
        {
            var result = classifier.Classify(text);
            if (result.Bucket != expected)
            {
                misses.Add($"expected {expected}, got {result.Bucket} ({result.Rule ?? "no rule"}): {text}");
            }
        }

        var correct = samples.Count - misses.Count;
        var accuracy = (double)correct / samples.Count;
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Spotlight accuracy: {accuracy:P1} ({correct}/{samples.Count})"));
        foreach (var miss in misses)
        {
            TestContext.Out.WriteLine("  " + miss);
        }

        Assert.That(samples, Has.Count.GreaterThanOrEqualTo(120), "the corpus should stay a meaningful sample");
        Assert.That(accuracy, Is.GreaterThanOrEqualTo(RequiredAccuracy));
    }
}
