namespace SlackFeedbackBot.Storage;

/// <summary>
/// The few places where SQLite and PostgreSQL need different SQL (it grows as features move to PostgreSQL), such as the
/// feedback search: FTS5 MATCH on SQLite, the baseline's tsvector column on PostgreSQL. Everything else is written once, in the SQL both
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
    /// A subquery of the feedback items the full-text query <paramref name="parameter"/> (made by
    /// <see cref="FullTextQuery"/>) finds, with columns <c>hit</c> (the item's id) and <c>score</c> (lower is a better
    /// match), to join on <c>feedback_items.id</c>. SQLite ranks with FTS5's bm25 over the words and the customer;
    /// PostgreSQL with ts_rank over the <c>search</c> column (the same two, 'simple' configuration), negated.
    /// </summary>
    public abstract string FeedbackSearchHits(string parameter);

    /// <summary>
    /// The query text for <see cref="FeedbackSearchHits"/> that finds items holding every term, each quoted so that
    /// nothing a person typed is read as query syntax; null when there are no terms. Terms must hold no control characters.
    /// </summary>
    public string? FullTextQuery(IEnumerable<FullTextTerm> terms)
    {
        var rendered = terms.Select(Render).ToList();
        return rendered.Count == 0 ? null : string.Join(TermSeparator, rendered);
    }

    private protected abstract string TermSeparator { get; }

    private protected abstract string Render(FullTextTerm term);

    private sealed class SqliteDialect : SqlDialect
    {
        public override string InList(string column, string parameter) => $"{column} IN {parameter}";

        public override string FeedbackSearchHits(string parameter) =>
            $"(SELECT rowid AS hit, bm25(feedback_fts) AS score FROM feedback_fts WHERE feedback_fts MATCH {parameter})";

        // FTS5 ANDs terms side by side; inside a "string" only a doubled quote is special.
        private protected override string TermSeparator => " ";

        private protected override string Render(FullTextTerm term) =>
            "\"" + term.Word.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" + (term.IsPrefix ? "*" : "");
    }

    private sealed class PostgresDialect : SqlDialect
    {
        public override string InList(string column, string parameter) => $"{column} = ANY({parameter})";

        // to_tsquery, not websearch_to_tsquery: the terms arrive quoted (so nothing is syntax) and a prefix needs :*,
        // which websearch syntax cannot say. Each quoted term is split into words by the parser that built the column.
        public override string FeedbackSearchHits(string parameter) =>
            $"(SELECT f.id AS hit, -ts_rank(f.search, q.query) AS score FROM feedback_items f, to_tsquery('simple', {parameter}) AS q(query) WHERE f.search @@ q.query)";

        private protected override string TermSeparator => " & ";

        // Inside a 'quoted' tsquery term a quote or a backslash is escaped by a backslash.
        private protected override string Render(FullTextTerm term) =>
            "'" + term.Word.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'" + (term.IsPrefix ? ":*" : "");
    }
}
