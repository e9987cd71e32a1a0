using Dapper;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Tests.Support;

/// <summary>Reads the Slack layer's outbox table, to see what a test's effects came to.</summary>
public static class OutboxTable
{
    public static string? StatusOf(Database database, string key)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<string>("SELECT status FROM slack_outbox WHERE idempotency_key = @key", new { key });
    }

    public static IReadOnlyList<(string Key, string Status, long Attempts, string? LastError)> Rows(Database database)
    {
        using var connection = database.Open();
        return [.. connection.Query<(string, string, long, string?)>("SELECT idempotency_key, status, attempts, last_error FROM slack_outbox ORDER BY id")];
    }
}
