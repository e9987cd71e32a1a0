using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using SlackFeedbackBot.Slack.Observability;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Observability;

/// <summary>docs/operations.md against the code: every instrument the bot creates is in the metrics table, and every row is one the code creates.</summary>
public sealed partial class MetricsDocsTests
{
    private static IReadOnlySet<string> Documented() =>
        File.ReadLines(Repository.File("docs/operations.md"))
            .Select(line => DocumentedRow().Match(line))
            .Where(m => m.Success)
            .Select(m => m.Groups["name"].Value)
            .ToHashSet(StringComparer.Ordinal);

    // Every instrument is created with its name as a literal, so reading the sources finds them all, including those a
    // given host never creates (Socket Mode's in HTTP mode).
    private static IReadOnlySet<string> InSources() =>
        Directory.EnumerateFiles(Repository.File("src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => InstrumentCreated().Matches(File.ReadAllText(path)).Select(m => m.Groups["name"].Value))
            .ToHashSet(StringComparer.Ordinal);

    [Test]
    public void TheTableDocumentsMetrics() => Assert.That(Documented(), Has.Count.GreaterThan(20));

    [Test]
    public void EveryInstrumentInTheSources_IsDocumented_AndEveryDocumentedOneExists()
    {
        var documented = Documented();
        var inSources = InSources();

        Assert.That(inSources.Except(documented), Is.Empty, "created in src/ but missing from docs/operations.md's metrics table");
        Assert.That(documented.Except(inSources), Is.Empty, "documented in docs/operations.md but created nowhere in src/");
        Assert.That(inSources, Has.All.StartWith("slackfeedbackbot."), "one prefix for every metric of the bot");
    }

    [Test]
    public async Task EveryInstrumentARunningBotPublishes_IsDocumented()
    {
        var published = new ConcurrentDictionary<string, byte>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name.StartsWith(MetricConventions.MeterPrefix, StringComparison.Ordinal))
                {
                    published.TryAdd(instrument.Name, 0);
                }
            },
        };
        await using (await BotTestHost.StartAsync())
        {
            listener.Start();
        }

        Assert.That(published.Keys, Has.Count.GreaterThan(15), "the running bot's instruments were seen");
        Assert.That(published.Keys.Except(Documented()), Is.Empty, "published by the running bot but missing from docs/operations.md");
    }

    [GeneratedRegex(@"^\| `(?<name>slackfeedbackbot\.[a-z0-9_.]+)` \|")]
    private static partial Regex DocumentedRow();

    [GeneratedRegex(@"\.Create(?:Counter|UpDownCounter|Histogram|Gauge|ObservableGauge|ObservableCounter|ObservableUpDownCounter)(?:<\w+>)?\(\s*""(?<name>[^""]+)""")]
    private static partial Regex InstrumentCreated();
}
