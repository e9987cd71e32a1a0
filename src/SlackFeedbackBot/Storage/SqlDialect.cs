namespace SlackFeedbackBot.Storage;

/// <summary>
/// The few places where SQLite and PostgreSQL need different SQL (it grows as features move to PostgreSQL: the feedback
/// search is next, FTS5 MATCH against the baseline's tsvector column). Everything else is written once, in the SQL both
/// accept (<c>COALESCE</c>, <c>ON CONFLICT … DO NOTHING</c>, <c>RETURNING</c>, integer unix milliseconds for times).
/// </summary>
public abstract class SqlDialect
{
    public static readonly SqlDialect Sqlite = new SqliteDialect();

    public static readonly SqlDialect Postgres = new PostgresDialect();

    /// <summary>
    /// <paramref name="column"/> is one of the list <paramref name="parameter"/>. Dapper spreads a list into
    /// <c>IN (@p1, @p2, …)</c> for SQLite, but passes it to PostgreSQL as one array, which <c>IN</c> cannot take.
    /// </summary>
    public abstract string InList(string column, string parameter);

    /// <summary>
    /// A query of the feedback items with a word starting with any of the stems in <paramref name="parameter"/> (its
    /// value made by <see cref="AnyWordStartingWith"/>), as columns <c>hit</c> (the item's id) and <c>score</c> (lower
    /// is a better match), to use as a derived table. SQLite asks its FTS5 table (bm25), PostgreSQL the items' tsvector
    /// column (ts_rank, negated so both order the same way).
    /// </summary>
    public abstract string ItemsWithWordStartingWith(string parameter);

    /// <summary>The value for <see cref="ItemsWithWordStartingWith"/>: each stem matched as the start of a word, any one of them.</summary>
    public abstract string AnyWordStartingWith(IEnumerable<string> stems);

    /// <summary>A query counting the tables named by <paramref name="parameter"/> in the bot's schema (0 or 1).</summary>
    public abstract string CountTablesNamed(string parameter);

    private sealed class SqliteDialect : SqlDialect
    {
        public override string InList(string column, string parameter) => $"{column} IN {parameter}";

        public override string ItemsWithWordStartingWith(string parameter) =>
            $"SELECT rowid AS hit, bm25(feedback_fts) AS score FROM feedback_fts WHERE feedback_fts MATCH {parameter}";

        // An FTS5 string in double quotes is taken as words, never as query syntax; the star makes it a prefix.
        public override string AnyWordStartingWith(IEnumerable<string> stems) =>
            string.Join(" OR ", stems.Select(stem => "\"" + stem.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"*"));

        public override string CountTablesNamed(string parameter) =>
            $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = {parameter}";
    }

    private sealed class PostgresDialect : SqlDialect
    {
        public override string InList(string column, string parameter) => $"{column} = ANY({parameter})";

        // The baseline's search column is to_tsvector('simple', text || ' ' || customer), indexed with GIN.
        public override string ItemsWithWordStartingWith(string parameter) =>
            $"SELECT id AS hit, -ts_rank(search, to_tsquery('simple', {parameter})) AS score FROM feedback_items WHERE search @@ to_tsquery('simple', {parameter})";

        // A tsquery lexeme in single quotes is taken as words, never as operators (quote and backslash escaped); :* makes it a prefix.
        public override string AnyWordStartingWith(IEnumerable<string> stems) =>
            string.Join(" | ", stems.Select(stem => "'" + stem.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "':*"));

        public override string CountTablesNamed(string parameter) =>
            $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = {parameter}";
    }
}
