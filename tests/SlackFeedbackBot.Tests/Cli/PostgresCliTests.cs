using Dapper;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using SlackFeedbackBot.Cli;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Cli;

/// <summary>
/// The operator's commands with Storage:Provider=Postgres, on the real server: `migrate` (the bot's and Quartz's
/// tables), `doctor` (server, schema, cluster, backlog), `inbox parked|retry|drop`, and `backup`/`restore`, which send
/// the operator to pg_dump and pg_restore.
/// </summary>
public sealed class PostgresCliTests
{
    private PostgresServer _server = null!;
    private string _postgres = null!;
    private Dictionary<string, string?> _environment = null!;

    [SetUp]
    public async Task SetUp()
    {
        _server = await PostgresServer.GetAsync();
        _postgres = await _server.CreateDatabaseAsync();
        _environment = new Dictionary<string, string?>
        {
            ["Storage__Provider"] = "Postgres",
            ["Storage__ConnectionString"] = new NpgsqlConnectionStringBuilder(_postgres) { Password = "hunter2-secret" }.ToString(),
        };
    }

    [TearDown]
    public async Task TearDown() => await _server.DropDatabaseAsync(_postgres);

    [Test]
    public async Task Migrate_CreatesTheBaselineAndQuartzsTables()
    {
        var (code, output, error) = await BotInProcess.RunAsync(_environment, "migrate");

        Assert.That(code, Is.Zero, output + error);
        Assert.That(output, Does.Contain($"is at schema version {Migrator.LatestVersionFor(StorageProvider.Postgres)}; Quartz's").And.Contain("tables are in place"));
        Assert.That(output + error, Does.Not.Contain("hunter2"));
        await using var connection = new NpgsqlConnection(_postgres);
        Assert.That(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM information_schema.tables WHERE table_name IN ('qrtz_triggers', 'qrtz_scheduler_state', 'feedback_items')"), Is.EqualTo(3));

        var (again, againOutput, againError) = await BotInProcess.RunAsync(_environment, "migrate");
        Assert.That(again, Is.Zero, againOutput + againError);
    }

    [Test]
    public async Task Doctor_ReportsTheServer_TheSchema_TheCluster_AndTheBacklog()
    {
        var now = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
        Database.Postgres(_postgres).Initialize();
        await using (var connection = new NpgsqlConnection(_postgres))
        {
            await connection.ExecuteAsync(
                """
                CREATE TABLE slack_inbox (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, dedupe_key text NOT NULL UNIQUE, secondary_key text UNIQUE,
                    kind text NOT NULL, payload text NOT NULL, retry_num integer NOT NULL, received_at bigint NOT NULL, status integer NOT NULL,
                    attempts integer NOT NULL, last_error text, handled_at bigint, lease_owner text, lease_until bigint);
                INSERT INTO slack_inbox (dedupe_key, kind, payload, retry_num, received_at, status, attempts, lease_owner, lease_until)
                VALUES ('ev:1', 'Event', '{}', 0, 0, 0, 0, 'bot-a', @leaseUntil), ('ev:2', 'Event', '{}', 0, 0, 0, 0, 'bot-b', @leaseEnded),
                       ('ev:3', 'Event', '{}', 0, 0, 2, 3, NULL, NULL);
                CREATE TABLE qrtz_scheduler_state (sched_name text, instance_name text, last_checkin_time bigint, checkin_interval bigint);
                INSERT INTO qrtz_scheduler_state VALUES ('slackfeedbackbot', 'bot-a', @fresh, 7500), ('slackfeedbackbot', 'bot-b', @stale, 7500);
                """,
                new
                {
                    leaseUntil = now.AddMinutes(1).ToUnixTimeMilliseconds(),
                    leaseEnded = now.AddSeconds(-1).ToUnixTimeMilliseconds(),
                    fresh = now.AddSeconds(-5).UtcTicks,
                    stale = now.AddSeconds(-30).UtcTicks,
                });
        }

        var output = new StringWriter();
        var exit = await new BotDoctor(output, new SlackFeedbackBot.Hosting.BotEnvironment(_environment), new FakeTimeProvider(now)).RunAsync([], null, CancellationToken.None);
        var text = output.ToString();

        Assert.That(exit, Is.Zero, text);
        Assert.That(text, Does.Match(@"✔ Database: PostgreSQL 1\d[.\d]* .*at 127\.0\.0\.1:\d+, database sfb_\w+ answers\."));
        Assert.That(text, Does.Contain($"up to date (schema version {Migrator.LatestVersionFor(StorageProvider.Postgres)})"));
        Assert.That(text, Does.Contain("Scheduler: 2 instances in the Quartz cluster: bot-a (checked in 5 s ago), bot-b (checked in 30 s ago, late: stopped or cut off)."));
        Assert.That(text, Does.Contain("Slack inbox: 2 pending (1 leased by bot-a), 1 parked"));
        Assert.That(text, Does.Not.Contain("hunter2"));
    }

    [Test]
    public async Task Doctor_OnAServerThatDoesNotAnswer_SaysSo_WithoutThePassword()
    {
        var environment = new Dictionary<string, string?>
        {
            ["Storage__Provider"] = "Postgres",
            ["Storage__ConnectionString"] = "Host=127.0.0.1;Port=1;Database=feedback;Username=bot;Password=hunter2-secret;Timeout=5",
        };

        var output = new StringWriter();
        var exit = await new BotDoctor(output, new SlackFeedbackBot.Hosting.BotEnvironment(environment)).RunAsync([], null, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output.ToString(), Does.Contain("✘ Database: PostgreSQL at 127.0.0.1:1, database feedback cannot be reached").And.Not.Contain("hunter2"));
    }

    [Test]
    public async Task InboxParkedRetryDrop_WorkOnPostgres()
    {
        Database.Postgres(_postgres).Initialize();
        var (none, noneOutput, _) = await BotInProcess.RunAsync(_environment, "inbox", "parked");
        Assert.That(none, Is.Zero);
        Assert.That(noneOutput, Does.StartWith("No Slack requests have been received into 127.0.0.1:").And.Not.Contain("hunter2"));

        long first;
        await using (var connection = new NpgsqlConnection(_postgres))
        {
            await connection.ExecuteAsync(
                """
                CREATE TABLE slack_inbox (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, dedupe_key text NOT NULL UNIQUE, secondary_key text UNIQUE,
                    kind text NOT NULL, payload text NOT NULL, retry_num integer NOT NULL, received_at bigint NOT NULL, status integer NOT NULL,
                    attempts integer NOT NULL, last_error text, handled_at bigint, lease_owner text, lease_until bigint);
                """);
            first = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO slack_inbox (dedupe_key, kind, payload, retry_num, received_at, status, attempts, last_error, handled_at) VALUES ('ev:1', 'Event', '{}', 0, 0, 2, 4, 'chat.postMessage: ratelimited', 0) RETURNING id");
            await connection.ExecuteAsync(
                "INSERT INTO slack_inbox (dedupe_key, kind, payload, retry_num, received_at, status, attempts, last_error, handled_at) VALUES ('ev:2', 'Event', '{}', 0, 0, 2, 1, 'users.info: user_not_found', 0)");
        }

        var (listCode, list, _) = await BotInProcess.RunAsync(_environment, "inbox", "parked");
        Assert.That(listCode, Is.Zero, list);
        Assert.That(list, Does.Contain("2 parked Slack requests:").And.Contain($"{first}  Event").And.Contain("4 attempts"));

        var (retryCode, retry, _) = await BotInProcess.RunAsync(_environment, "inbox", "retry", first.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.That(retryCode, Is.Zero);
        Assert.That(retry, Does.Contain($"Request {first} is pending again"));

        var (dropCode, drop, _) = await BotInProcess.RunAsync(_environment, "inbox", "drop", "--all");
        Assert.That(dropCode, Is.Zero);
        Assert.That(drop, Does.Contain("Dropped 1 parked Slack request."));
        await using var check = new NpgsqlConnection(_postgres);
        Assert.That(await check.QueryAsync<(int, int)>("SELECT status, attempts FROM slack_inbox"), Is.EqualTo(new[] { (0, 0) }));
    }

    [Test]
    public async Task BackupAndRestore_SendTheOperatorToPgDumpAndPgRestore()
    {
        using var dir = new TempDirectory();

        var (backup, _, backupError) = await BotInProcess.RunAsync(_environment, "backup", "--out", dir.File("copy.db"));
        var (restore, _, restoreError) = await BotInProcess.RunAsync(_environment, "restore", dir.File("copy.db"));

        Assert.That((backup, backupError), Is.EqualTo((2, BackupCommands.UsePgDump)));
        Assert.That((restore, restoreError), Is.EqualTo((2, BackupCommands.UsePgRestore)));
        Assert.That(File.Exists(dir.File("copy.db")), Is.False);
    }
}
