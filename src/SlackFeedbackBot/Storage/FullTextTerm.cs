namespace SlackFeedbackBot.Storage;

/// <summary>
/// One word of a full-text search, searched for as written (never parsed as query syntax); a prefix term also finds
/// every longer word it begins ("export" finds "exported").
/// </summary>
public readonly record struct FullTextTerm(string Word, bool IsPrefix);
