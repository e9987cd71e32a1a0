using System.Text.RegularExpressions;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Structure;

/// <summary>Each feature is the only reader and writer of its own tables: the feedback_* tables are named only inside Feedback/.</summary>
public sealed partial class FeatureTablesTests
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])feedback_[a-z_]+", RegexOptions.CultureInvariant)]
    private static partial Regex FeedbackTable();

    private static readonly string Source = Repository.File("src/SlackFeedbackBot");

    [Test]
    public void NoCodeOutsideFeedback_NamesAFeedbackTable()
    {
        var offenders = Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsUnder(path, "Feedback") && !IsUnder(path, "bin") && !IsUnder(path, "obj"))
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (path, line, index)))
            .Where(row => FeedbackTable().IsMatch(row.line))
            .Select(row => $"{Path.GetRelativePath(Source, row.path)}:{row.index + 1}: {row.line.Trim()}")
            .ToList();

        Assert.That(offenders, Is.Empty, "ask the Feedback feature's query API (Feedback/FeedbackDigestQueries) instead");
    }

    [Test]
    public void TheCheck_FindsATableNameInSql() =>
        Assert.That(FeedbackTable().IsMatch("\"SELECT COUNT(*) FROM feedback_items\""), Is.True);

    [Test]
    public void TheCheck_LeavesOtherNamesAlone() =>
        Assert.That(FeedbackTable().IsMatch("public const string OpenFeedbackActionId = \"open_feedback_modal\";"), Is.False);

    // Only the feature's own top-level folder (src/SlackFeedbackBot/Feedback) may name its tables.
    private static bool IsUnder(string path, string folder) =>
        Path.GetRelativePath(Source, path).Split(Path.DirectorySeparatorChar)[0] == folder;
}
