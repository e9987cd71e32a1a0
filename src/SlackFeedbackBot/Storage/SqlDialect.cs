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
    /// A full-text query matching any of <paramref name="stems"/> as the start of a word, never as query syntax: an
    /// FTS5 MATCH string for SQLite, a <c>to_tsquery</c> string for PostgreSQL.
    /// </summary>
    public abstract string AnyWordStartingWith(IEnumerable<string> stems);

    /// <summary>A query counting the tables named by <paramref name="parameter"/> in the bot's schema (0 or 1).</summary>
    public abstract string CountTablesNamed(string parameter);

    private sealed class SqliteDialect : SqlDialect
    {
        public override string InList(string column, string parameter) => $"{column} IN {parameter}";

        // An FTS5 string in double quotes is taken as words, never as query syntax; the star makes it a prefix.
        public override string AnyWordStartingWith(IEnumerable<string> stems) =>
            string.Join(" OR ", stems.Select(stem => "\"" + stem.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"*"));

        public override string CountTablesNamed(string parameter) =>
            $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = {parameter}";
    }

    private sealed class PostgresDialect : SqlDialect
    {
        public override string InList(string column, string parameter) => $"{column} = ANY({parameter})";

        // A tsquery lexeme in single quotes is taken as words, never as operators (quote and backslash escaped); :* makes it a prefix.
        public override string AnyWordStartingWith(IEnumerable<string> stems) =>
            string.Join(" | ", stems.Select(stem => "'" + stem.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal) + "':*"));

        public override string CountTablesNamed(string parameter) =>
            $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = {parameter}";
    }
}
