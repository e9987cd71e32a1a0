using Microsoft.Extensions.Logging;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.BlockKit;
using SlackFeedbackBot.Slack.Outbox;

namespace SlackFeedbackBot.Digests;

/// <summary>
/// Renders a subscription's digest for the period its fire was meant for and hands it to the outbox (<see cref="DigestPost"/>),
/// with the chart for the message's thread. Exactly once per (channel, period): the outbox key
/// <c>digest:{channel}:{period}</c> holds across restarts, second fires and outages.
/// </summary>
public sealed class DigestPublisher(
    DigestBuilder builder,
    DigestPeople people,
    ISlackOutbox outbox,
    ILogger<DigestPublisher> log)
{
    public const string LateNote = "(posted late: the bot was offline at the scheduled time)";

    public static string OnceKey(string channelId, DigestPeriod period) => $"digest:{channelId}:{period.Label}";

    /// <summary>Posts the digest meant for <paramref name="intendedFireUtc"/>; returns false when it was posted (or queued) already.</summary>
    public async Task<bool> PublishAsync(DigestSubscription subscription, DateTimeOffset intendedFireUtc, bool late, CancellationToken ct)
    {
        var filter = new DigestFilter(subscription.Bucket, subscription.ProductArea);
        var query = DigestQuery.LastComplete(subscription.PeriodKind, subscription.Zone, intendedFireUtc, filter);
        var digest = builder.Build(await builder.LoadAsync(query, ct, people));
        var message = DigestBlockRenderer.Render(digest);
        if (late)
        {
            message = WithLateNote(message);
        }

        var posted = await outbox.EnqueueAsync(OnceKey(subscription.ChannelId, query.Period), DigestPost.Task(subscription.ChannelId, message, Chart(digest)), ct);
        log.LogInformation(
            posted ? "Digest {Period} queued for {Channel}{Late}" : "Digest {Period} for {Channel} was posted already{Late}",
            query.Period.Label, subscription.ChannelId, late ? " (late)" : "");
        return posted;
    }

    private static FileUpload? Chart(Digest digest) =>
        digest.Chart.IsEmpty
            ? null
            : new FileUpload($"feedback-digest-{digest.Period.Label}.png", DigestChart.RenderPng(digest))
            {
                Title = $"Feedback per week, up to {digest.Period.Label}",
                AltText = DigestBlockRenderer.ChartAltText(digest),
            };

    /// <summary>Says the digest is late in the notification text and in the context line under the title.</summary>
    public static SlackMessage WithLateNote(SlackMessage message)
    {
        var blocks = (message.Blocks ?? []).ToList();
        var context = blocks.FindIndex(block => block is ContextBlock);
        if (context >= 0 && context <= 2)
        {
            var existing = (ContextBlock)blocks[context];
            blocks[context] = new ContextBlock([.. existing.Elements, TextObject.Markdown($"_{LateNote}_")]);
        }
        else
        {
            blocks.Insert(Math.Min(1, blocks.Count), new ContextBlock($"_{LateNote}_"));
        }

        return message with { Text = $"{message.Text} {LateNote}", Blocks = blocks };
    }
}
