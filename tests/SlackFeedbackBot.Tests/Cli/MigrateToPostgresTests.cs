using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Inbox;
using SlackFeedbackBot.Slack.Leases;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Cli;

/// <summary>
/// `migrate-to-postgres` as an operator runs it: a SQLite file the bot's own `migrate` made, with feedback, customers,
/// a rotation and a Slack request still waiting, copied into a new database on the real PostgreSQL server.
/// </summary>
public sealed class MigrateToPostgresTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private TempDirectory _dir = null!;
    private PostgresServer _server = null!;
    private string _postgres = null!;
    private string _sqlite = null!;

    [SetUp]
    public async Task SetUp()
    {
        _dir = new TempDirectory();
        _server = await PostgresServer.GetAsync();
        _postgres = await _server.CreateDatabaseAsync();
        _sqlite = _dir.File("bot.db");
    }

    [TearDown]
    public async Task TearDown()
    {
        await _server.DropDatabaseAsync(_postgres);
        _dir.Dispose();
    }

    [Test]
    public async Task ABotsFile_IsCopied_CountsMatch_PendingWorkComesAlong_AndASecondRunIsRefused()
    {
        await MakeBotFileAsync();

        var (code, output, error) = await RunAsync("migrate-to-postgres", "--from", _sqlite, "--to", _postgres);

        Assert.That(code, Is.Zero, output + error);
        Assert.That(output, Does.Contain($"Copied {_sqlite} into PostgreSQL's 127.0.0.1:"));
        Assert.That(output, Does.Match(@"feedback_items\s+3 → 3"));
        Assert.That(output, Does.Match(@"customers\s+2 → 2"));
        Assert.That(output, Does.Match(@"rotations\s+1 → 1"));
        Assert.That(output, Does.Match(@"slack_inbox\s+2 → 2"));
        Assert.That(output, Does.Contain("Check: every table's count matches").And.Contain("Quartz's tables were not copied"));
        Assert.That(output, Does.Not.Contain("QRTZ"));

        await using var target = new NpgsqlConnection(_postgres);
        await target.OpenAsync();
        using var source = OpenSqlite();
        foreach (var table in new[] { "feedback_items", "customers", "customer_aliases", "rotations", "rotation_ledger", "slack_inbox" })
        {
            Assert.That(await target.ExecuteScalarAsync<long>($"SELECT count(*) FROM {table}"), Is.EqualTo(source.ExecuteScalar<long>($"SELECT count(*) FROM {table}")), table);
        }

        Assert.That(await target.ExecuteScalarAsync<long>("SELECT count(*) FROM feedback_items WHERE search @@ to_tsquery('simple', 'export')"), Is.EqualTo(2), "PostgreSQL indexes the copied text");
        Assert.That(await target.ExecuteScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_name LIKE 'qrtz%'"), Is.Zero, "Quartz makes its own tables at the first start");

        // The request that was still waiting is claimed by the first instance on PostgreSQL.
        await using (var inbox = new PostgresSlackInbox(_postgres, new LeaseHolder("first-on-postgres", TimeSpan.FromMinutes(1)), new FakeTimeProvider(Now), NullLogger<PostgresSlackInbox>.Instance))
        {
            var claimed = await inbox.ClaimAsync(10, CancellationToken.None);
            Assert.That(claimed.Select(c => c.Request.DedupeKey), Is.EqualTo(new[] { "ev:EvWAITING" }));
        }

        var (again, _, againError) = await RunAsync("migrate-to-postgres", "--from", _sqlite, "--to", _postgres);
        Assert.That(again, Is.EqualTo(2));
        Assert.That(againError.Split('\n'), Has.Length.EqualTo(1), againError);
        Assert.That(againError, Does.Contain("already has rows").And.Contain("new, empty database"));
        Assert.That(await target.ExecuteScalarAsync<long>("SELECT count(*) FROM feedback_items"), Is.EqualTo(3), "nothing was added twice");
    }

    [Test]
    public async Task TheConfiguredFileAndServer_AreTheDefaults()
    {
        await MakeBotFileAsync();
        var environment = new Dictionary<string, string?> { ["Storage__DatabasePath"] = _sqlite, ["Storage__ConnectionString"] = _postgres };

        var (code, output, error) = await BotInProcess.RunAsync(environment, "migrate-to-postgres");

        Assert.That(code, Is.Zero, output + error);
        Assert.That(output, Does.Contain("Check: every table's count matches"));
    }

    [Test]
    public async Task AFileNotAtTheLatestMigration_IsRefused_SayingToStartTheBotOnceFirst()
    {
        using (var old = OpenSqlite())
        {
            old.Execute("CREATE TABLE feedback_items (id INTEGER PRIMARY KEY, text TEXT NOT NULL); PRAGMA user_version = 3;");
        }

        var (code, _, error) = await RunAsync("migrate-to-postgres", "--from", _sqlite, "--to", _postgres);

        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain($"is at schema version 3, not this release's {Migrator.LatestVersion}").And.Contain("start the bot once on SQLite first").And.Contain("migrate --db"));
        await using var target = new NpgsqlConnection(_postgres);
        await target.OpenAsync();
        Assert.That(await target.ExecuteScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"), Is.Zero, "nothing was written");
    }

    [Test]
    public async Task AMissingFile_AnUnreachableServer_ANonEmptyTarget_AndARunningBot_AreOneLineEach()
    {
        var (missing, _, missingError) = await RunAsync("migrate-to-postgres", "--from", _dir.File("nothing.db"), "--to", _postgres);
        Assert.That((missing, missingError), Is.EqualTo((2, $"There is no SQLite database at {_dir.File("nothing.db")}; give the bot's file with --from or set Storage:DatabasePath.")));
        Assert.That(File.Exists(_dir.File("nothing.db")), Is.False);

        await MakeBotFileAsync();
        var (unreachable, _, unreachableError) = await RunAsync("migrate-to-postgres", "--from", _sqlite, "--to", "Host=127.0.0.1;Port=1;Database=feedback;Username=bot;Password=hunter2-secret;Timeout=5");
        Assert.That(unreachable, Is.EqualTo(2));
        Assert.That(unreachableError.Split('\n'), Has.Length.EqualTo(1), unreachableError);
        Assert.That(unreachableError, Does.Contain("cannot be reached (127.0.0.1:1, database feedback)").And.Not.Contain("hunter2"));

        await using (var target = new NpgsqlConnection(_postgres))
        {
            await target.OpenAsync();
            await target.ExecuteAsync("CREATE TABLE invoices (id bigint PRIMARY KEY)");
        }

        var (busy, _, busyError) = await RunAsync("migrate-to-postgres", "--from", _sqlite, "--to", _postgres);
        Assert.That(busy, Is.EqualTo(2));
        Assert.That(busyError, Does.Contain("is not empty (it has invoices)").And.Contain("nothing was written"));

        Assert.That(DatabaseLock.TryAcquire(_sqlite, out var running, out _), Is.True);
        using (running)
        {
            var (locked, _, lockedError) = await RunAsync("migrate-to-postgres", "--from", _sqlite, "--to", _postgres);
            Assert.That(locked, Is.EqualTo(2));
            Assert.That(lockedError, Does.Contain($"is running on {_sqlite}; stop it before copying it to PostgreSQL"));
        }
    }

    private static Task<(int Code, string Output, string Error)> RunAsync(params string[] args) =>
        BotInProcess.RunAsync(new Dictionary<string, string?>(), args);

    /// <summary>What a bot that ran for a while leaves: its migrations and Quartz's tables, rows, and the Slack inbox.</summary>
    private async Task MakeBotFileAsync()
    {
        var (code, output) = await BotInProcess.RunToExitAsync("migrate", "--db", _sqlite);
        Assert.That(code, Is.Zero, output);

        var time = new FakeTimeProvider(Now);
        await using (var inbox = new SqliteSlackInbox(new Database(_sqlite).ConnectionString, time, NullLogger<SqliteSlackInbox>.Instance))
        {
            await inbox.RecordHandledAsync(new SlackInboundRequest(SlackRequestKind.Event, "{}", "ev:EvHANDLED", 0, Now), CancellationToken.None);
            await inbox.RecordAsync(new SlackInboundRequest(SlackRequestKind.Event, "{}", "ev:EvWAITING", 0, Now), null, CancellationToken.None);
        }

        using var connection = OpenSqlite();
        var now = Now.ToUnixTimeMilliseconds();
        connection.Execute(
            """
            INSERT INTO customers (name, name_key, tier, created_at, updated_at) VALUES ('Acme', 'acme', 'enterprise', @now, @now), ('Globex', 'globex', NULL, @now, @now);
            INSERT INTO customer_aliases (alias_key, alias, customer_id) VALUES ('acme corp', 'Acme Corp', (SELECT id FROM customers WHERE name_key = 'acme'));
            INSERT INTO feedback_items (text, customer, capture_path, bucket, created_at, updated_at) VALUES
                ('Please add an export to CSV', 'Acme', 'shortcut', 'feature_request', @now, @now),
                ('The export button is hidden', 'Globex', 'reaction', 'ux', @now, @now),
                ('Login is slow on Mondays', NULL, 'mention', 'bug', @now, @now);
            INSERT INTO rotations (name, support_channel, owners, time_zone, shift_minutes, cadence, people_per_shift, support_hours,
                working_days, holidays, support_pros, reminder_offsets, nudge_after_minutes, escalate_after_minutes, set_topic, created_at, updated_at)
            VALUES ('support', 'CSUPPORT', '', 'UTC', 60, '1/day', 1, '09:00-17:00', 'mon,tue,wed,thu,fri', '', '', '', 5, 30, 1, @now, @now);
            INSERT INTO rotation_ledger (rotation_id, shift_key, user_id, shift_start, outcome, recorded_at)
            VALUES ((SELECT id FROM rotations WHERE name = 'support'), 'support|1', 'U0ALICE', @now, 'served', @now);
            """,
            new { now });
    }

    private SqliteConnection OpenSqlite()
    {
        var connection = new SqliteConnection($"Data Source={_sqlite};Pooling=False");
        connection.Open();
        return connection;
    }
}
