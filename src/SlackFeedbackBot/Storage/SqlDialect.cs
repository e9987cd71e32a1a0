namespace SlackFeedbackBot.Storage;

/// <summary>
/// The few places where SQLite and PostgreSQL need different SQL (it grows as features move to PostgreSQL), such as a
/// full-text query: FTS5 MATCH syntax on SQLite, tsquery syntax on PostgreSQL. Everything else is written once, in the SQL both
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
    /// A full-text query that finds documents holding every term: FTS5 <c>MATCH</c> syntax for SQLite, <c>to_tsquery</c>
    /// syntax for PostgreSQL. Each term is quoted so that nothing a person typed is read as query syntax; null when
    /// there are no terms. Terms must hold no control characters.
    /// </summary>
    public string? FullTextQuery(IEnumerable<FullTextTerm> terms)
    {
        var rendered = terms.Select(Render).ToList();
        return rendered.Count == 0 ? null : string.Join(TermSeparator, rendered);
    }

    private protected abstract string TermSeparator { get; }

    private protected abstract string Render(FullTextTerm term);

    /// <summary>
    /// A full-text query that finds documents holding a word starting with any of <paramref name="stems"/>, each quoted
    /// so that it is never read as query syntax.
    /// </summary>
    public string AnyWordStartingWith(IEnumerable<string> stems) =>
        string.Join(AnyTermSeparator, stems.Select(stem => Render(new FullTextTerm(stem, IsPrefix: true))));

    /// <summary>A query counting the tables named by <paramref name="parameter"/> in the bot's schema (0 or 1).</summary>
    public abstract string CountTablesNamed(string parameter);

    private protected abstract string AnyTermSeparator { get; }

    private sealed class SqliteDialect : SqlDialect
    {
        public override string InList(string column, string parameter) => $"{column} IN {parameter}";

        // FTS5 ANDs terms side by side; inside a "string" only a doubled quote is special.
        private protected override string TermSeparator => " ";

        private protected override string Render(FullTextTerm term) =>
            "\"" + term.Word.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" + (term.IsPrefix ? "*" : "");

        private protected override string AnyTermSeparator => " OR ";

        public override string CountTablesNamed(string parameter) =>
            $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = {parameter}";
    }

    private sealed class PostgresDialect : SqlDialect
    {
        public override string InList(string column, string parameter) => $"{column} = ANY({parameter})";

        private protected override string TermSeparator => " & ";

        // Inside a 'quoted' tsquery term a quote or a backslash is escaped by a backslash.
        private protected override string Render(FullTextTerm term) =>
            "'" + term.Word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'" + (term.IsPrefix ? ":*" : "");

        private protected override string AnyTermSeparator => " | ";

        public override string CountTablesNamed(string parameter) =>
            $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = {parameter}";
    }
}
