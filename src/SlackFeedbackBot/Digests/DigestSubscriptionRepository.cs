using Dapper;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Digests;

/// <summary>The digest_subscriptions table: one row per (channel, cadence).</summary>
public sealed class DigestSubscriptionRepository(Database database)
{
    private const string Columns = """
        id AS Id, channel_id AS ChannelId, cadence AS Cadence, time_zone AS TimeZone, cron AS Cron, bucket AS Bucket,
        product_area AS ProductArea, declared AS Declared, created_by AS CreatedBy
        """;

    public IReadOnlyList<DigestSubscription> All()
    {
        using var connection = database.Open();
        return connection.Query<Row>($"SELECT {Columns} FROM digest_subscriptions ORDER BY channel_id, cadence").Select(r => r.ToSubscription()).ToList();
    }

    public DigestSubscription? Find(long id)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<Row>($"SELECT {Columns} FROM digest_subscriptions WHERE id = @id", new { id })?.ToSubscription();
    }

    public IReadOnlyList<DigestSubscription> ForChannel(string channelId)
    {
        using var connection = database.Open();
        return connection.Query<Row>($"SELECT {Columns} FROM digest_subscriptions WHERE channel_id = @channelId ORDER BY cadence", new { channelId })
            .Select(r => r.ToSubscription()).ToList();
    }

    /// <summary>Adds the subscription, or replaces the one of the same channel and cadence. Returns the stored row.</summary>
    public DigestSubscription Upsert(DigestSubscription subscription, DateTimeOffset now)
    {
        using var connection = database.Open();
        var id = connection.ExecuteScalar<long>(
            """
            INSERT INTO digest_subscriptions (channel_id, cadence, time_zone, cron, bucket, product_area, declared, created_by, created_at)
            VALUES (@ChannelId, @Cadence, @TimeZone, @Cron, @Bucket, @ProductArea, @Declared, @CreatedBy, @now)
            ON CONFLICT (channel_id, cadence) DO UPDATE SET
                time_zone = excluded.time_zone, cron = excluded.cron, bucket = excluded.bucket, product_area = excluded.product_area,
                declared = excluded.declared, created_by = excluded.created_by
            RETURNING id
            """,
            // declared is a 0/1 integer column: PostgreSQL takes no boolean for it.
            new
            {
                subscription.ChannelId, subscription.Cadence, subscription.TimeZone, subscription.Cron, subscription.Bucket,
                subscription.ProductArea, Declared = subscription.Declared ? 1L : 0L, subscription.CreatedBy, now = now.ToUnixTimeMilliseconds(),
            });
        return subscription with { Id = id };
    }

    public int Delete(long id)
    {
        using var connection = database.Open();
        return connection.Execute("DELETE FROM digest_subscriptions WHERE id = @id", new { id });
    }

    private sealed record Row
    {
        public long Id { get; init; }
        public string ChannelId { get; init; } = "";
        public string Cadence { get; init; } = "";
        public string TimeZone { get; init; } = "";
        public string Cron { get; init; } = "";
        public string? Bucket { get; init; }
        public string? ProductArea { get; init; }
        public long Declared { get; init; }
        public string? CreatedBy { get; init; }

        public DigestSubscription ToSubscription() => new()
        {
            Id = Id, ChannelId = ChannelId, Cadence = Cadence, TimeZone = TimeZone, Cron = Cron, Bucket = Bucket,
            ProductArea = ProductArea, Declared = Declared != 0, CreatedBy = CreatedBy,
        };
    }
}
