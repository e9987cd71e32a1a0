using System.Text.RegularExpressions;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Structure;

/// <summary>
/// Each feature is the only reader and writer of its own tables: a table created by a migration is named only inside the
/// folder of the feature that owns it; other features ask that feature's query API (Feedback/FeedbackDigestQueries,
/// Rotations/RotationDigestQueries).
/// </summary>
public sealed partial class FeatureTablesTests
{
    [GeneratedRegex(@"(?<![A-Za-z0-9_])feedback_[a-z_]+", RegexOptions.CultureInvariant)]
    private static partial Regex FeedbackTable();

    [GeneratedRegex(@"CREATE\s+(?:VIRTUAL\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?([a-z_][a-z0-9_]*)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex CreatedTable();

    private static readonly string Source = Repository.File("src/SlackFeedbackBot");

    // Which feature owns a table, by the table's prefix; Storage's are the shared plumbing every feature uses through it.
    private static readonly (string Prefix, string Folder)[] Owners =
    [
        ("feedback_", "Feedback"),
        ("rotation", "Rotations"),
        ("digest_", "Digests"),
        ("customer", "Customers"),
        ("spotlight_", "Spotlight"),
        ("health_", "Health"),
        ("once_only", "Storage"),
        ("bot_state", "Storage"),
    ];

    [Test]
    public void NoCodeOutsideFeedback_NamesAFeedbackTable()
    {
        var offenders = SourceLines()
            .Where(row => !IsUnder(row.Path, "Feedback"))
            .Where(row => FeedbackTable().IsMatch(row.Line))
            .Select(Describe)
            .ToList();

        Assert.That(offenders, Is.Empty, "ask the Feedback feature's query API (Feedback/FeedbackDigestQueries) instead");
    }

    [Test]
    public void EveryTable_IsNamedOnlyByTheFeatureThatOwnsIt()
    {
        var tables = Tables();
        var offenders = SourceLines()
            .SelectMany(row => tables
                .Where(table => !IsUnder(row.Path, table.Folder) && Names(row.Line, table.Name))
                .Select(table => $"{Describe(row)} (a {table.Folder} table)"))
            .ToList();

        Assert.That(offenders, Is.Empty, "ask the owning feature's query API (e.g. Rotations/RotationDigestQueries) instead");
    }

    [Test]
    public void EveryTableAMigrationCreates_HasAnOwningFeature()
    {
        var created = CreatedTableNames().ToList();

        Assert.That(created, Does.Contain("rotation_ledger").And.Contain("feedback_items").And.Contain("digest_subscriptions"));
        Assert.That(created.Where(name => Owner(name) is null), Is.Empty, "add the table's prefix and its feature to Owners");
    }

    [Test]
    public void TheCheck_FindsATableNameInSql() =>
        Assert.That(FeedbackTable().IsMatch("\"SELECT COUNT(*) FROM feedback_items\""), Is.True);

    [Test]
    public void TheCheck_LeavesOtherNamesAlone() =>
        Assert.That(FeedbackTable().IsMatch("public const string OpenFeedbackActionId = \"open_feedback_modal\";"), Is.False);

    [Test]
    public void TheTableCheck_FindsAnotherFeaturesTableInSql()
    {
        Assert.That(Names("        FROM rotation_ledger", "rotation_ledger"), Is.True);
        Assert.That(Names("SELECT c.name FROM customer_aliases a JOIN customers c ON c.id = a.customer_id", "customers"), Is.True);
        Assert.That(Names("UPDATE rotations SET paused = 1", "rotations"), Is.True);
    }

    [Test]
    public void TheTableCheck_LeavesWordsAndColumnsAlone()
    {
        // One-word tables are English too: only SQL (its keywords in capitals, as all our SQL is written) naming them counts.
        Assert.That(Names("/// <summary>Names the customers who asked.</summary>", "customers"), Is.False);
        Assert.That(Names("\"Add or update customers (by name) from a CSV file\"", "customers"), Is.False);
        Assert.That(Names("services.AddRotations(); // support rotations", "rotations"), Is.False);
        Assert.That(Names("WHERE rotation_id = @rotationId", "rotation_ledger"), Is.False);
    }

    private static bool Names(string line, string table) =>
        table.Contains('_', StringComparison.Ordinal)
            ? Regex.IsMatch(line, $@"(?<![A-Za-z0-9_]){table}(?![A-Za-z0-9_])", RegexOptions.CultureInvariant)
            : Regex.IsMatch(line, $@"\b(?:FROM|JOIN|UPDATE|INTO|TABLE)\s+{table}(?![A-Za-z0-9_])", RegexOptions.CultureInvariant);

    private static List<(string Name, string Folder)> Tables() =>
        CreatedTableNames().Select(name => (name, Owner(name) ?? "")).Where(table => table.Item2.Length > 0).ToList();

    private static IEnumerable<string> CreatedTableNames() =>
        Directory.EnumerateFiles(Path.Combine(Source, "Storage", "Migrations"), "*.sql", SearchOption.AllDirectories)
            .SelectMany(path => CreatedTable().Matches(File.ReadAllText(path)).Select(match => match.Groups[1].Value.ToLowerInvariant()))
            .Distinct(StringComparer.Ordinal);

    private static string? Owner(string table) =>
        Owners.FirstOrDefault(owner => table.StartsWith(owner.Prefix, StringComparison.Ordinal)).Folder;

    private static IEnumerable<(string Path, string Line, int Index)> SourceLines() =>
        Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsUnder(path, "bin") && !IsUnder(path, "obj"))
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (path, line, index)));

    private static string Describe((string Path, string Line, int Index) row) =>
        $"{Path.GetRelativePath(Source, row.Path)}:{row.Index + 1}: {row.Line.Trim()}";

    // Only the feature's own top-level folder (src/SlackFeedbackBot/Feedback) may name its tables.
    private static bool IsUnder(string path, string folder) =>
        Path.GetRelativePath(Source, path).Split(Path.DirectorySeparatorChar)[0] == folder;
}
