using Microsoft.Extensions.Logging;
using SlackFeedbackBot.Scheduling;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.BlockKit;

namespace SlackFeedbackBot.Digests;

/// <summary>
/// Posts a subscription's digest for the period its fire was meant for, with the chart uploaded into the message's thread.
/// Exactly once per (channel, period): the OnceOnly key <c>digest:{channel}:{period}</c> holds across restarts and instances.
/// </summary>
public sealed class DigestPublisher(
    DigestInputLoader loader,
    DigestBuilder builder,
    DigestPeopleNames names,
    OnceOnly once,
    ISlackApiClient slack,
    ILogger<DigestPublisher> log)
{
    public const string LateNote = "(posted late: the bot was offline at the scheduled time)";

    public static string OnceKey(string channelId, DigestPeriod period) => $"digest:{channelId}:{period.Label}";

    /// <summary>Posts the digest meant for <paramref name="intendedFireUtc"/>; returns false when it was posted already.</summary>
    public async Task<bool> PublishAsync(DigestSubscription subscription, DateTimeOffset intendedFireUtc, bool late, CancellationToken ct)
    {
        var filter = new DigestFilter(subscription.Bucket, subscription.ProductArea);
        var query = DigestQuery.LastComplete(subscription.PeriodKind, subscription.Zone, intendedFireUtc, filter);
        var posted = await once.RunAsync(OnceKey(subscription.ChannelId, query.Period), async token =>
        {
            var input = await names.AddNamesAsync(loader.Load(query), token);
            var digest = builder.Build(input);
            var message = DigestBlockRenderer.Render(digest);
            if (late)
            {
                message = WithLateNote(message);
            }

            var post = await slack.PostMessageAsync(subscription.ChannelId, message, token);
            await UploadChartAsync(digest, subscription.ChannelId, post.Ts, token);
            return post.Ts;
        }, ct);
        log.LogInformation(
            posted ? "Digest {Period} posted to {Channel}{Late}" : "Digest {Period} for {Channel} was posted already{Late}",
            query.Period.Label, subscription.ChannelId, late ? " (late)" : "");
        return posted;
    }

    // The chart is a companion: when its upload fails the digest still stands, and is not posted again.
    private async Task UploadChartAsync(Digest digest, string channelId, string messageTs, CancellationToken ct)
    {
        if (digest.Chart.IsEmpty)
        {
            return;
        }

        try
        {
            await slack.UploadFileAsync(new FileUpload($"feedback-digest-{digest.Period.Label}.png", DigestChart.RenderPng(digest))
            {
                Title = $"Feedback per week, up to {digest.Period.Label}",
                AltText = DigestBlockRenderer.ChartAltText(digest),
                ChannelId = channelId,
                ThreadTs = messageTs,
            }, ct);
        }
        catch (SlackApiException ex)
        {
            log.LogWarning("The digest chart for {Period} could not be uploaded to {Channel}: {Error}", digest.Period.Label, channelId, ex.ErrorCode);
        }
    }

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
