using System.Globalization;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Tests.Spotlight;

/// <summary>
/// The default rules on evaluation.tsv: realistic messages labelled by hand before the rules were tuned. The "tune"
/// part is what the rules were written against; each "holdout" part was written, in its turn, before the rules saw it.
/// Unclassified is a miss; another bucket is a wrong bucket, and no message may land in one.
/// </summary>
public class SpotlightEvaluationTests
{
    private const double RequiredAccuracy = 0.97;

    public sealed record Sample(string Split, string Expected, string Text);

    public static IReadOnlyList<Sample> Load()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Spotlight", "evaluation.tsv");
        return File.ReadAllLines(path)
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t', 3))
            .Select(parts => new Sample(parts[0], parts[1], parts[2].Replace("\\n", "\n", StringComparison.Ordinal)))
            .ToList();
    }

    [Test]
    public void DefaultRules_OnTheEvaluationSet_AreAtLeast97PercentRightAndNeverInTheWrongBucket()
    {
        var samples = Load();
        var classifier = SpotlightClassifier.CreateDefault();
        var wrong = new List<string>();
        var missed = new List<string>();
        foreach (var split in samples.GroupBy(s => s.Split))
        {
            var correct = 0;
            foreach (var sample in split)
            {
                var result = classifier.Classify(sample.Text);
                if (result.Bucket == sample.Expected)
                {
                    correct++;
                }
                else
                {
                    (result.Bucket == SpotlightBuckets.Unclassified ? missed : wrong)
                        .Add($"{split.Key}: expected {sample.Expected}, got {result.Bucket} ({result.Rule ?? "no rule"}): {sample.Text}");
                }
            }

            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Spotlight evaluation {split.Key}: {(double)correct / split.Count():P1} ({correct}/{split.Count()})"));
        }

        var accuracy = (double)(samples.Count - wrong.Count - missed.Count) / samples.Count;
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Spotlight evaluation all: {accuracy:P1} ({samples.Count - wrong.Count - missed.Count}/{samples.Count}), wrong bucket {wrong.Count}, unclassified instead {missed.Count}"));
        foreach (var line in wrong.Concat(missed))
        {
            TestContext.Out.WriteLine("  " + line);
        }

        Assert.That(samples, Has.Count.GreaterThanOrEqualTo(300), "the evaluation set should stay a meaningful sample");
        Assert.That(samples.Select(s => s.Split).Distinct(), Is.SupersetOf(new[] { "tune", "holdout" }));
        Assert.That(wrong, Is.Empty, "unclassified is better than the wrong bucket");
        Assert.That(accuracy, Is.GreaterThanOrEqualTo(RequiredAccuracy));
    }

    [Test]
    public void EvaluationSet_LabelsOnlyKnownBuckets_AndHoldsEveryBucket()
    {
        var buckets = Load().Select(s => s.Expected).Distinct().Order().ToList();

        Assert.That(buckets, Is.EqualTo(new[]
        {
            SpotlightBuckets.Positioning, SpotlightBuckets.ProductMarketing, SpotlightBuckets.Unclassified, SpotlightBuckets.UserExperience,
        }));
    }
}
