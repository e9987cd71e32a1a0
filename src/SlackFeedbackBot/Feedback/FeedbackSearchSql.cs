using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// The one place that knows how each database finds feedback by its words: FTS5's <c>feedback_fts</c> table on SQLite,
/// the accent-folded <c>search</c> tsvector column on PostgreSQL. The queries around it are written once.
/// </summary>
public static class FeedbackSearchSql
{
    /// <summary>
    /// A subquery of the items the full-text query <paramref name="parameter"/> (made by <see cref="FeedbackSearchQuery.For"/>)
    /// finds, with columns <c>hit</c> (the item's id) and <c>score</c> (lower is a better match), to join on
    /// <c>feedback_items.id</c>. SQLite ranks with bm25 over the words and the customer; PostgreSQL with ts_rank over the
    /// same two (its 'simple' configuration), negated.
    /// </summary>
    public static string Hits(Database database, string parameter) => database.Provider == StorageProvider.Postgres
        // to_tsquery, not websearch_to_tsquery: the terms arrive quoted (so nothing is syntax) and a prefix needs :*,
        // which websearch syntax cannot say. Each quoted term is split into words by the parser that built the column,
        // after the same accent folding (migration 0002).
        ? $"(SELECT f.id AS hit, -ts_rank(f.search, q.query) AS score FROM feedback_items f, to_tsquery('simple', feedback_search_fold({parameter})) AS q(query) WHERE f.search @@ q.query)"
        : $"(SELECT rowid AS hit, bm25(feedback_fts) AS score FROM feedback_fts WHERE feedback_fts MATCH {parameter})";
}
