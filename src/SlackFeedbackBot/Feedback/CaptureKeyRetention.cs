using Dapper;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Retention;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// An item's capture key (<c>cmd:&lt;trigger_id&gt;</c>, <c>view:&lt;view id&gt;</c>) is only needed while its request
/// could be handled again; after <c>Feedback:CaptureKeyRetention</c> it is forgotten (the item stays).
/// </summary>
public sealed class CaptureKeyRetention(Database database, IOptions<FeedbackOptions> options) : IRetentionPurge
{
    public string What => "feedback capture keys";

    public async Task<int> PurgeAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = database.Open();
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE feedback_items SET capture_key = NULL WHERE capture_key IS NOT NULL AND created_at < @before",
            new { before = (now - options.Value.CaptureKeyRetention).ToUnixTimeMilliseconds() },
            cancellationToken: ct));
    }
}
