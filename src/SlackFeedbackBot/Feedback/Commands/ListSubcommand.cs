using System.Globalization;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary><c>/feedback list [bucket] [days]</c>: the newest items, optionally of one bucket and recent days.</summary>
public sealed class ListSubcommand(FeedbackService service, FeedbackReplies replies) : IFeedbackSubcommand
{
    private const int Shown = 15;

    public string Name => "list";

    public string Usage => "`/feedback list [bucket] [days]`: the latest items, e.g. `/feedback list user_experience 7`";

    public Task<SlackMessage> RunAsync(SlashCommand command, string arguments, CancellationToken ct)
    {
        string? bucket = null;
        int? days = null;
        var words = new List<string>();
        foreach (var token in arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(token.TrimEnd('d', 'D'), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                if (n is < 1 or > 3650)
                {
                    return Task.FromResult(SlackMessage.Ephemeral("The number of days must be between 1 and 3650."));
                }

                days = n;
            }
            else
            {
                words.Add(token);
            }
        }

        if (words.Count > 0)
        {
            var typed = string.Join(' ', words);
            bucket = service.Buckets.Find(typed);
            if (bucket is null)
            {
                return Task.FromResult(SlackMessage.Ephemeral($"There is no bucket called `{typed}`. Valid buckets: {service.Buckets.ValidList()}."));
            }
        }

        var items = service.List(bucket, days, Shown);
        var title = $"Latest feedback{(bucket is null ? "" : " in " + service.Buckets.Display(bucket))}{(days is null ? "" : $" from the last {days} days")}";
        return Task.FromResult(replies.List(items, title));
    }
}
