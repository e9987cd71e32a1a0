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

    private sealed class SqliteDialect : SqlDialect
    {
        public override string InList(string column, string parameter) => $"{column} IN {parameter}";
    }

    private sealed class PostgresDialect : SqlDialect
    {
        public override string InList(string column, string parameter) => $"{column} = ANY({parameter})";
    }
}
