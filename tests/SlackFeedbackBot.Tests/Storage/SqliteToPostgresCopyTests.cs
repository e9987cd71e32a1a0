using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Storage;

public sealed class SqliteToPostgresCopyTests
{
    private const string PostgresSchema =
        """
        CREATE TABLE areas (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL, active boolean NOT NULL);
        CREATE TABLE items (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            area_id bigint REFERENCES areas (id),
            merged_into_id bigint REFERENCES items (id),
            text text NOT NULL,
            votes integer NOT NULL,
            weight double precision,
            attachment bytea,
            search tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED);
        CREATE TABLE comments (item_id bigint NOT NULL REFERENCES items (id), body text NOT NULL);
        """;

    private TempDirectory _dir = null!;
    private PostgresServer _server = null!;
    private string _postgres = null!;

    [SetUp]
    public async Task SetUp()
    {
        _dir = new TempDirectory();
        _server = await PostgresServer.GetAsync();
        _postgres = await _server.CreateDatabaseAsync();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _server.DropDatabaseAsync(_postgres);
        _dir.Dispose();
    }

    [Test]
    public async Task EveryRowArrives_WithItsId_ParentsFirst_AndNewRowsGetTheNextIds()
    {
        using var sqlite = Sqlite();
        await using var postgres = await PostgresAsync(PostgresSchema);

        var copies = await SqliteToPostgresCopy.CopyAsync(sqlite, postgres, new HashSet<string>(), CancellationToken.None);

        Assert.That(copies.Select(c => c.Table), Is.EqualTo(new[] { "areas", "items", "comments" }), "parents before the tables that point at them; FTS5 and its shadow tables left out");
        Assert.That(copies.Select(c => (c.SourceRows, c.TargetRows)), Is.EqualTo(new[] { (2L, 2L), (3L, 3L), (1L, 1L) }));
        var items = (await postgres.QueryAsync<(long Id, long? AreaId, long? MergedIntoId, string Text, int Votes, double? Weight, byte[]? Attachment)>(
            "SELECT id, area_id, merged_into_id, text, votes, weight, attachment FROM items ORDER BY id")).ToList();
        Assert.That(items[0], Is.EqualTo((3L, (long?)7L, (long?)9L, "Where's the export button?", 4, (double?)0.5, (byte[]?)null)).Using<(long, long?, long?, string, int, double?, byte[]?)>(
            (a, b) => a.Item1 == b.Item1 && a.Item2 == b.Item2 && a.Item3 == b.Item3 && a.Item4 == b.Item4 && a.Item5 == b.Item5 && a.Item6 == b.Item6 && a.Item7 is null && b.Item7 is null));
        Assert.That(items.Select(i => i.Id), Is.EqualTo(new long[] { 3, 8, 9 }));
        Assert.That(items[1].Attachment, Is.EqualTo(new byte[] { 1, 2, 255 }));
        Assert.That(await postgres.QueryAsync<bool>("SELECT active FROM areas ORDER BY id"), Is.EqualTo(new[] { true, false }));
        Assert.That(await postgres.ExecuteScalarAsync<long>("SELECT count(*) FROM items WHERE search @@ websearch_to_tsquery('english', 'exporting')"), Is.EqualTo(2), "PostgreSQL indexes the copied text itself");

        var next = await postgres.ExecuteScalarAsync<long>("INSERT INTO items (text, votes) VALUES ('Pricing page is confusing', 0) RETURNING id");
        Assert.That(next, Is.EqualTo(10));
        Assert.That(await postgres.ExecuteScalarAsync<long>("INSERT INTO areas (name, active) VALUES ('billing', true) RETURNING id"), Is.EqualTo(8));
    }

    [Test]
    public async Task ATargetThatAlreadyHasRows_IsRefused_AndKeepsOnlyWhatItHad()
    {
        using var sqlite = Sqlite();
        await using var postgres = await PostgresAsync(PostgresSchema + "INSERT INTO areas (name, active) VALUES ('kept', true);");

        var refused = Assert.ThrowsAsync<CopyRefusedException>(() => SqliteToPostgresCopy.CopyAsync(sqlite, postgres, new HashSet<string>(), CancellationToken.None));

        Assert.That(refused!.Message, Does.Contain("areas already has rows").And.Contain("new, empty database"));
        Assert.That(await postgres.QueryAsync<string>("SELECT name FROM areas"), Is.EqualTo(new[] { "kept" }));
        Assert.That(await postgres.ExecuteScalarAsync<long>("SELECT count(*) FROM items"), Is.Zero);
    }

    [Test]
    public async Task ATableOrColumnPostgresLacks_IsNamed_AndNothingIsWritten()
    {
        using var sqlite = Sqlite();
        await using var noNotes = await PostgresAsync(PostgresSchema.Replace("CREATE TABLE comments (item_id bigint NOT NULL REFERENCES items (id), body text NOT NULL);", ""));

        var missingTable = Assert.ThrowsAsync<CopyRefusedException>(() => SqliteToPostgresCopy.CopyAsync(sqlite, noNotes, new HashSet<string>(), CancellationToken.None));
        Assert.That(missingTable!.Message, Does.Contain("no table comments").And.Contain("migrations"));
        Assert.That(await noNotes.ExecuteScalarAsync<long>("SELECT count(*) FROM areas"), Is.Zero);

        var copies = await SqliteToPostgresCopy.CopyAsync(sqlite, noNotes, new HashSet<string> { "comments" }, CancellationToken.None);
        Assert.That(copies.Select(c => c.Table), Is.EqualTo(new[] { "areas", "items" }), "a table the caller leaves out is not asked for");
    }

    [Test]
    public async Task AValueTheTargetTypeCannotTake_IsNamed_AndTheWholeCopyIsRolledBack()
    {
        using var sqlite = Sqlite();
        sqlite.Execute("INSERT INTO comments (item_id, body) VALUES (8, 'second note'); UPDATE items SET votes = 'many' WHERE id = 9;");
        await using var postgres = await PostgresAsync(PostgresSchema);

        var refused = Assert.ThrowsAsync<CopyRefusedException>(() => SqliteToPostgresCopy.CopyAsync(sqlite, postgres, new HashSet<string>(), CancellationToken.None));

        Assert.That(refused!.Message, Does.Contain("items.votes").And.Contain("\"many\"").And.Contain("integer"));
        await using var fresh = new NpgsqlConnection(_postgres);
        await fresh.OpenAsync();
        Assert.That(await fresh.ExecuteScalarAsync<long>("SELECT (SELECT count(*) FROM areas) + (SELECT count(*) FROM items)"), Is.Zero);
    }

    private SqliteConnection Sqlite()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _dir.File("bot.db"), Pooling = false }.ToString());
        connection.Open();
        connection.Execute(
            """
            CREATE TABLE areas (id INTEGER PRIMARY KEY, name TEXT NOT NULL, active INTEGER NOT NULL);
            CREATE TABLE items (id INTEGER PRIMARY KEY, area_id INTEGER REFERENCES areas (id), merged_into_id INTEGER REFERENCES items (id),
                                text TEXT NOT NULL, votes INTEGER NOT NULL, weight REAL, attachment BLOB);
            CREATE TABLE comments (item_id INTEGER NOT NULL REFERENCES items (id), body TEXT NOT NULL);
            CREATE VIRTUAL TABLE items_fts USING fts5 (text, content = 'items', content_rowid = 'id');
            INSERT INTO areas (id, name, active) VALUES (2, 'onboarding', 1), (7, 'exports', 0);
            -- Item 3 is merged into item 9, which comes after it: one COPY per table takes that.
            INSERT INTO items (id, area_id, merged_into_id, text, votes, weight, attachment) VALUES
                (3, 7, 9, 'Where''s the export button?', 4, 0.5, NULL),
                (8, 2, NULL, 'Took me ages to find the invite link', 2, NULL, x'0102FF'),
                (9, 7, NULL, 'Can we export to CSV?', 7, 1.0, NULL);
            INSERT INTO comments (item_id, body) VALUES (9, 'asked by Acme');
            """);
        return connection;
    }

    private async Task<NpgsqlConnection> PostgresAsync(string schema)
    {
        var connection = new NpgsqlConnection(_postgres);
        await connection.OpenAsync();
        await connection.ExecuteAsync(schema);
        return connection;
    }
}

public sealed class ProviderSchemaParityTests
{
    [Test]
    public async Task EveryTableAndColumnOfTheSqliteMigrations_HasItsPlaceInThePostgresBaseline()
    {
        await using var sqlite = await ProviderDatabase.CreateAsync(SlackFeedbackBot.Storage.StorageProvider.Sqlite);
        await using var postgres = await ProviderDatabase.CreateAsync(SlackFeedbackBot.Storage.StorageProvider.Postgres);
        await using var source = (SqliteConnection)sqlite.Database.Open();
        await using var target = (NpgsqlConnection)postgres.Database.Open();

        // Each table is asked for and each column matched (a missing one is refused by name); the version tables differ by design.
        var copies = await SqliteToPostgresCopy.CopyAsync(source, target, new HashSet<string> { "schema_version" }, CancellationToken.None);

        Assert.That(copies.Select(c => c.Table), Does.Contain("feedback_items").And.Contain("rotation_ledger").And.Contain("customers").And.Contain("spotlight_rules"));
    }
}
