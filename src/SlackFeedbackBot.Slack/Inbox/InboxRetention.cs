using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Retention;

namespace SlackFeedbackBot.Slack.Inbox;

/// <summary>Handled requests go <c>Slack:HandledRetention</c> after they arrived; parked ones <c>Slack:ParkedRetention</c> after they were parked.</summary>
public sealed class InboxRetention(ISlackInbox inbox, IOptions<SlackOptions> options, ILogger<InboxRetention> log) : IRetentionPurge
{
    public string What => "handled or parked Slack requests";

    public async Task<int> PurgeAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (inbox is not IPurgeableInbox store)
        {
            return 0;
        }

        var (handled, parked) = await store.PurgeAsync(now - options.Value.HandledRetention, now - options.Value.ParkedRetention, ct);
        if (parked > 0)
        {
            // The operator may have been waiting to look at them: say so apart from the routine count.
            log.LogInformation("Dropped {Count} parked Slack requests older than the parked retention ({Retention})", parked, options.Value.ParkedRetention);
        }

        return handled + parked;
    }
}
