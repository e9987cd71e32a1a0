using System.Globalization;
using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// <c>/feedback list [bucket] [days]</c>: the newest items, optionally of one bucket and recent days. Takes at most
/// one number, and words only when they name a bucket or are a single word (then the answer lists the buckets);
/// "List view is slow" is feedback.
/// </summary>
public sealed class ListSubcommand(FeedbackService service, FeedbackReplies replies) : Subcommand<ListSubcommand.Arguments>, IFeedbackSubcommand
{
    private const int Shown = 15;

    public override string Name => "list";

    public override string Usage => "`/feedback list [bucket] [days]`: the latest items, e.g. `/feedback list user_experience 7`";

    public override Arguments? TryParse(string arguments)
    {
        int? days = null;
        var words = new List<string>();
        foreach (var token in CommandWords.Split(arguments))
        {
            // "-5" and "0" are numbers too (a wrong one, answered with the range), not a bucket's name.
            if (int.TryParse(token.TrimEnd('d', 'D'), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            {
                if (days is not null)
                {
                    return null;
                }

                days = n;
            }
            else
            {
                words.Add(token);
            }
        }

        var typed = words.Count == 0 ? null : string.Join(' ', words);
        return typed is null || words.Count == 1 || service.Buckets.Find(typed) is not null ? new Arguments(typed, days) : null;
    }

    public override Task<SlackMessage?> RunAsync(SlashCommand command, Arguments arguments, CancellationToken ct)
    {
        if (arguments.Days is < 1 or > 3650)
        {
            return Task.FromResult<SlackMessage?>(SlackMessage.Refused(
                $"The number after `list` is how many days back to look, from 1 to 3650 (`{arguments.Days}` is not), e.g. `/feedback list 7` or `/feedback list user_experience 30`. " +
                $"The list shows the latest {Shown} items."));
        }

        string? bucket = null;
        if (arguments.Bucket is { } typed)
        {
            bucket = service.Buckets.Find(typed);
            if (bucket is null)
            {
                return Task.FromResult<SlackMessage?>(SlackMessage.Refused($"There is no bucket called `{SlackText.Defuse(typed)}`. Valid buckets: {service.Buckets.ValidList()}."));
            }
        }

        var days = arguments.Days;
        var items = service.List(bucket, days, Shown);
        var total = items.Count < Shown ? items.Count : service.CountListed(bucket, days);
        var title = $"Latest feedback{(bucket is null ? "" : " in " + service.Buckets.Display(bucket))}{(days is null ? "" : $" from the last {days} days")}"
            + (items.Count == 0 ? "" : $", newest first (showing {items.Count} of {total})");
        return Task.FromResult<SlackMessage?>(replies.List(items, title));
    }

    /// <param name="Bucket">The bucket as typed; checked by the handler so a wrong name gets the list of right ones.</param>
    public sealed record Arguments(string? Bucket, int? Days);
}
