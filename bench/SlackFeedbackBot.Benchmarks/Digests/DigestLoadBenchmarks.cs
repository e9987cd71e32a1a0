using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Digests;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Rotations;
using SlackFeedbackBot.Spotlight;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Benchmarks.Digests;

/// <summary>
/// The weekly digest over a million stored items: DigestInputLoader reads one week (and the week before, and twelve chart
/// weeks) from SQLite through its indexes, then DigestBuilder groups and counts it. Target: under 500 ms.
/// The database is seeded once per run: 1,000,000 items spread over two years with their reports, some resolved, alerts
/// and a rotation ledger, in one transaction with prepared commands.
/// </summary>
[MemoryDiagnoser]
public class DigestLoadBenchmarks
{
    private const int ItemCount = 1_000_000;
    private static readonly DateTimeOffset End = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Start = End.AddYears(-2);

    private static readonly string[] Phrasings =
    [
        "How do I integrate this with {0}?", "hey, how do i export {0} reports to csv", "Can you support {0} single sign-on?",
        "Can I connect {0} to the dashboard?", "I'm probably not your target customer, but does {0} work offline?",
        "how do I invite my {0} team", "the {0} page crashed again", "Can you send invoices for {0} seats?",
    ];

    private static readonly string[] Subjects = ["Trello", "Jira", "Okta", "Salesforce", "HubSpot", "Zapier", "Asana", "Notion", "Slack", "Excel"];

    private static readonly string[] BucketIds = ["user_experience", "user_experience", "product_marketing", "product_marketing", "positioning", "user_experience", "unclassified", "product_marketing"];

    private string _directory = null!;
    private DigestBuilder _loader = null!;

    // The digest's loading, as the scheduled job runs it (Slack is not asked for names here).
    private DigestInput Load(DigestQuery query) => _loader.LoadAsync(query, CancellationToken.None).GetAwaiter().GetResult();
    private DigestBuilder _builder = null!;
    private DigestQuery _week = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "sfb-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        var database = new Database(Path.Combine(_directory, "bench.db"));
        database.Initialize();
        Seed(database);

        var buckets = new FeedbackBuckets(SpotlightClassifier.CreateDefault());
        _loader = new DigestBuilder(DigestSections.All, new DigestSources(new FeedbackDigestQueries(database), new RotationDigestQueries(database), new DigestBucketCatalog(buckets, Options.Create(new SpotlightOptions()))));
        _builder = new DigestBuilder();
        _week = DigestQuery.LastComplete(DigestPeriodKind.Week, TimeZoneInfo.Utc, End.AddHours(9));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public int LoadAndBuildWeek() => _builder.Build(Load(_week)).TotalReports;

    private static void Seed(Database database)
    {
        using var connection = (SqliteConnection)database.Open();
        using var tx = connection.BeginTransaction();
        using var item = Command(connection, tx, """
            INSERT INTO feedback_items (id, text, customer, reporter_id, capture_path, bucket, status, created_at, updated_at, resolved_at, resolution, shift_key, product_area)
            VALUES ($id, $text, $customer, $reporter, 'command', $bucket, $status, $created, $created, $resolved, $resolution, $shift, $area)
            """, "$id", "$text", "$customer", "$reporter", "$bucket", "$status", "$created", "$resolved", "$resolution", "$shift", "$area");
        using var report = Command(connection, tx, """
            INSERT INTO feedback_reports (item_id, reporter_id, text, customer, created_at) VALUES ($item, $reporter, $text, $customer, $created)
            """, "$item", "$reporter", "$text", "$customer", "$created");
        using var alert = Command(connection, tx, "INSERT INTO once_only (key, claimed_at) VALUES ($key, $created)", "$key", "$created");

        var random = new Random(42);
        var span = (End - Start).TotalMilliseconds;
        for (var id = 1; id <= ItemCount; id++)
        {
            var created = Start.AddMilliseconds(span * id / ItemCount).ToUnixTimeMilliseconds();
            var text = string.Format(CultureInfo.InvariantCulture, Phrasings[random.Next(Phrasings.Length)], Subjects[random.Next(Subjects.Length)]);
            var customer = $"customer{random.Next(500)}";
            var reporter = $"U{random.Next(200):D6}";
            var resolved = random.Next(50) == 0;
            Run(item, id, text, customer, reporter, BucketIds[random.Next(BucketIds.Length)], resolved ? "resolved" : "open", created,
                resolved ? created + 86_400_000L * random.Next(1, 30) : null, resolved ? "Shipped" : null,
                random.Next(10) == 0 ? $"support|{created / 3_600_000}" : null, random.Next(5) == 0 ? "billing" : null);
            Run(report, id, reporter, text, customer, created);
            if (random.Next(10) == 0)
            {
                Run(report, id, $"U{random.Next(200):D6}", "me too", $"customer{random.Next(500)}", created + 3_600_000);
            }

            if (random.Next(1000) == 0)
            {
                Run(alert, FeedbackOnceKeys.Alert(id, $"reports:{id}:10"), created + 7_200_000);
            }
        }

        tx.Commit();
        SeedLedger(connection);
    }

    private static void SeedLedger(SqliteConnection connection)
    {
        using var tx = connection.BeginTransaction();
        var now = End.ToUnixTimeMilliseconds();
        using (var rotation = connection.CreateCommand())
        {
            rotation.Transaction = tx;
            rotation.CommandText = """
                INSERT INTO rotations (name, support_channel, owners, time_zone, shift_minutes, cadence, people_per_shift, support_hours,
                    working_days, holidays, support_pros, reminder_offsets, nudge_after_minutes, escalate_after_minutes, set_topic, created_at, updated_at)
                VALUES ('support', 'CSUPPORT', '', 'UTC', 60, '1/day', 1, '09:00-17:00', 'mon,tue,wed,thu,fri', '', '', '', 5, 30, 0, $now, $now)
                """;
            rotation.Parameters.AddWithValue("$now", now);
            rotation.ExecuteNonQuery();
        }

        using var ledger = Command(connection, tx, """
            INSERT INTO rotation_ledger (rotation_id, shift_key, user_id, shift_start, outcome, recorded_at) VALUES (1, $key, $user, $start, $outcome, $start)
            """, "$key", "$user", "$start", "$outcome");
        string[] outcomes = ["served", "served", "served", "missed", "swapped_away"];
        for (var day = 0; day < 730; day++)
        {
            var start = Start.AddDays(day).AddHours(9).ToUnixTimeMilliseconds();
            Run(ledger, $"support|{start}", $"U{day % 20:D6}", start, outcomes[day % outcomes.Length]);
        }

        tx.Commit();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction tx, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object?[] values)
    {
        for (var index = 0; index < values.Length; index++)
        {
            command.Parameters[index].Value = values[index] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }
}
