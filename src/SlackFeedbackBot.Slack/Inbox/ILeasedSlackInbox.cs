namespace SlackFeedbackBot.Slack.Inbox;

/// <summary>
/// An inbox several instances share. A request belongs to the instance that recorded or claimed it, under a lease that
/// instance renews while it holds the request; only the holder marks it. The processor claims work instead of handling
/// every pending row: rows no live lease holds (an instance died, an operator set them back to pending).
/// </summary>
public interface ILeasedSlackInbox : ISlackInbox
{
    /// <summary>Takes up to <paramref name="limit"/> pending requests that no live lease holds, oldest first, for this instance.</summary>
    Task<IReadOnlyList<InboxRecord>> ClaimAsync(int limit, CancellationToken ct);
}

/// <summary>The request's lease ran out and another instance took it over; this one must leave it alone.</summary>
public sealed class InboxLeaseLostException(long id)
    : Exception($"Slack request {id} is no longer this instance's: its lease ran out and another instance took it over.")
{
    public long Id { get; } = id;
}

/// <summary>An inbox that deletes its own old rows (<see cref="InboxRetention"/> calls it).</summary>
internal interface IPurgeableInbox
{
    Task<(int Handled, int Parked)> PurgeAsync(DateTimeOffset handledBefore, DateTimeOffset parkedBefore, CancellationToken ct);
}
