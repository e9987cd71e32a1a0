using System.Globalization;
using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Configuration;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// <c>/feedback list [bucket] [days] [status:planned] [older:30d] [newer:7d]</c>: the newest items, by bucket, status
/// and age (durations as everywhere in the bot: 7d, 12h). Without <c>status:</c> resolved items are left out, so
/// the list is what is still to do. Takes at most one number, and words only when they name a bucket or are a single
/// word (then the answer lists the buckets), or come with a filter; "List view is slow" is feedback.
/// </summary>
public sealed class ListSubcommand(FeedbackService service, FeedbackItemList list, FeedbackReplies replies, TimeProvider time) : Subcommand<ListSubcommand.Arguments>, IFeedbackSubcommand
{
    private const int Shown = 15;

    public override string Name => "list";

    public override string Usage => "`/feedback list [bucket] [days] [status:planned] [older:30d] [newer:7d]`: the latest items not resolved, e.g. `/feedback list user_experience status:not_yet older:30d`";

    public override Arguments? TryParse(string arguments)
    {
        int? days = null;
        var words = new List<string>();
        var filters = new Filters();
        foreach (var token in CommandWords.Split(arguments))
        {
            if (filters.TryAdd(token))
            {
                continue;
            }

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
        return typed is null || words.Count == 1 || filters.Any || service.Buckets.Find(typed) is not null
            ? new Arguments(typed, days) { Statuses = filters.Statuses, Older = filters.Older, Newer = filters.Newer, Problem = filters.Problem }
            : null;
    }

    public override Task<SlackMessage?> RunAsync(SlashCommand command, Arguments arguments, CancellationToken ct) =>
        Task.FromResult<SlackMessage?>(Run(command, arguments));

    private SlackMessage Run(SlashCommand command, Arguments arguments)
    {
        if (arguments.Problem is { } problem)
        {
            return SlackMessage.Refused(problem);
        }

        if (arguments.Days is < 1 or > 3650)
        {
            return SlackMessage.Refused(
                $"The number after `list` is how many days back to look, from 1 to 3650 (`{arguments.Days}` is not), e.g. `/feedback list 7` or `/feedback list user_experience 30`. " +
                $"The list shows the latest {Shown} items.");
        }

        string? bucket = null;
        if (arguments.Bucket is { } typed)
        {
            bucket = service.Buckets.Find(typed);
            if (bucket is null)
            {
                return SlackMessage.Refused($"There is no bucket called `{SlackText.Defuse(typed)}`. Valid buckets: {service.Buckets.ValidList()}.");
            }
        }

        var now = time.GetUtcNow();
        var newer = arguments.Newer ?? (arguments.Days is { } d ? TimeSpan.FromDays(d) : null);
        var filter = new FeedbackListFilter(bucket, arguments.Statuses ?? StatusNames.Unresolved, now - newer, now - arguments.Older);
        var items = list.List(filter, Shown);
        var total = items.Count < Shown ? items.Count : list.Count(filter);
        var title = $"Latest feedback{(bucket is null ? "" : " in " + service.Buckets.Display(bucket))}{(arguments.Days is { } days ? $" from the last {days} days" : "")}"
            + (arguments.Statuses is { } statuses ? $", {string.Join(" or ", statuses.Select(StatusNames.Display))}" : ", not resolved")
            + (arguments.Newer is { } n ? $", newer than {Age(n)}" : "")
            + (arguments.Older is { } o ? $", older than {Age(o)}" : "")
            + (items.Count == 0 ? "" : $", newest first (showing {items.Count} of {total})");
        return replies.List(items, title);
    }

    private static string Age(TimeSpan age) => age.TotalDays >= 1 && age.TotalDays == Math.Floor(age.TotalDays)
        ? $"{age.TotalDays:0} day{(age.TotalDays == 1 ? "" : "s")}"
        : age.ToString();

    /// <param name="Bucket">The bucket as typed; checked by the handler so a wrong name gets the list of right ones.</param>
    public sealed record Arguments(string? Bucket, int? Days)
    {
        /// <summary>The statuses asked for with <c>status:</c>; null for the default (everything not resolved).</summary>
        public IReadOnlyList<string>? Statuses { get; init; }

        public TimeSpan? Older { get; init; }

        public TimeSpan? Newer { get; init; }

        /// <summary>A filter that could not be read, said so the person can fix it.</summary>
        public string? Problem { get; init; }
    }

    /// <summary>The <c>status:</c>, <c>older:</c> and <c>newer:</c> words of a list command.</summary>
    private sealed class Filters
    {
        public IReadOnlyList<string>? Statuses { get; private set; }

        public TimeSpan? Older { get; private set; }

        public TimeSpan? Newer { get; private set; }

        public string? Problem { get; private set; }

        public bool Any { get; private set; }

        public bool TryAdd(string token)
        {
            var colon = token.IndexOf(':');
            if (colon < 1 || colon == token.Length - 1)
            {
                return false;
            }

            var key = token[..colon].ToLowerInvariant();
            var value = token[(colon + 1)..];
            switch (key)
            {
                case "status":
                    Any = true;
                    ReadStatuses(value);
                    return true;
                case "older" or "newer":
                    Any = true;
                    if (!Duration.TryParse(value, out var age) || age <= TimeSpan.Zero)
                    {
                        Problem ??= $"`{key}:` takes an age, like `{key}:30d` or `{key}:12h` (not `{SlackText.Defuse(value)}`).";
                    }
                    else if (key == "older")
                    {
                        Older = age;
                    }
                    else
                    {
                        Newer = age;
                    }

                    return true;
                default:
                    return false;
            }
        }

        private void ReadStatuses(string value)
        {
            var wanted = new List<string>();
            foreach (var typed in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (typed.Equals("all", StringComparison.OrdinalIgnoreCase))
                {
                    wanted.AddRange(StatusNames.All);
                }
                else if (StatusNames.Find(typed) is { } status)
                {
                    wanted.Add(status);
                }
                else
                {
                    Problem ??= $"`{SlackText.Defuse(typed)}` is not a status. `status:` takes {StatusNames.Typed}, e.g. `/feedback list status:planned`.";
                }
            }

            Statuses = wanted.Distinct().ToList();
        }
    }
}
