namespace SlackFeedbackBot.Storage;

/// <summary>
/// The few places where SQLite and PostgreSQL need different SQL. Everything else is written once, in the SQL both
/// accept (<c>COALESCE</c>, <c>ON CONFLICT … DO NOTHING</c>, <c>RETURNING</c>, integer unix milliseconds for times).
/// </summary>
public abstract class SqlDialect
{
    public static readonly SqlDialect Sqlite = new SqliteDialect();

    public static readonly SqlDialect Postgres = new PostgresDialect();

    /// <summary>
    /// A row source of <c>(hit, score)</c>: the feedback items whose words or customer match <paramref name="queryParameter"/>
    /// (an FTS5-style query of quoted terms joined by OR), lower scores first being the better matches.
    /// </summary>
    public abstract string FeedbackSearch(string queryParameter);

    /// <summary>A case-insensitive equality of a column and a parameter.</summary>
    public abstract string EqualsIgnoringCase(string column, string parameter);

    /// <summary>
    /// <paramref name="column"/> is one of the list <paramref name="parameter"/>. Dapper spreads a list into
    /// <c>IN (@p1, @p2, …)</c> for SQLite, but passes it to PostgreSQL as one array, which <c>IN</c> cannot take.
    /// </summary>
    public abstract string InList(string column, string parameter);

    private sealed class SqliteDialect : SqlDialect
    {
        public override string FeedbackSearch(string queryParameter) =>
            $"SELECT rowid AS hit, bm25(feedback_fts) AS score FROM feedback_fts WHERE feedback_fts MATCH {queryParameter}";

        public override string EqualsIgnoringCase(string column, string parameter) => $"{column} = {parameter} COLLATE NOCASE";

        public override string InList(string column, string parameter) => $"{column} IN {parameter}";
    }

    private sealed class PostgresDialect : SqlDialect
    {
        // ts_rank grows with relevance while bm25 shrinks: negated, both sort best first with ORDER BY score.
        public override string FeedbackSearch(string queryParameter) =>
            $"SELECT id AS hit, -ts_rank(search, q) AS score FROM feedback_items, websearch_to_tsquery('simple', {queryParameter}) q WHERE search @@ q";

        public override string EqualsIgnoringCase(string column, string parameter) => $"lower({column}) = lower({parameter})";

        public override string InList(string column, string parameter) => $"{column} = ANY({parameter})";
    }
}
