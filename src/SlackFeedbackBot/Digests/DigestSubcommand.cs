using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Directory;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Digests;

/// <summary>
/// <c>/feedback digest ...</c>: <c>week</c> / <c>month</c> show this week or month so far to the asker only (what was just
/// captured is in it), <c>last week</c> / <c>last month</c> the last complete one, as the scheduled digests post it;
/// <c>subscribe #channel weekly|monthly [bucket or product area]</c>, <c>unsubscribe #channel</c> and <c>list</c>
/// manage the channels that get a digest on schedule. Bad input gets a sentence saying what to type, and changes nothing.
/// Takes its own sub-words only with arguments of their shape (or one word the answer can explain); a sentence
/// such as "Digest emails arrive too late" is feedback.
/// </summary>
public sealed class DigestSubcommand(
    DigestSubscriptions subscriptions,
    DigestSubscriptionRules rules,
    DigestScheduler scheduler,
    DigestBuilder builder,
    DigestPeople people,
    WorkspaceDirectory directory,
    ISlackApiClient slack,
    IOptions<DigestOptions> options,
    TimeProvider time) : Subcommand<DigestSubcommand.Arguments>, IFeedbackSubcommand
{
    public override string Name => "digest";

    public override string Usage =>
        "`/feedback digest [week|month] [bucket or product area]`: this week or month so far, just for you (`last week`, `last month`: the last complete one)\n"
        + "`/feedback digest subscribe #channel weekly|monthly [bucket or product area]`: post it to a channel on schedule (Mondays or the 1st, 09:00 your time)\n"
        + "`/feedback digest unsubscribe #channel` · `/feedback digest list`";

    public override Arguments? TryParse(string arguments)
    {
        var (typedVerb, rest) = CommandWords.SplitFirst(arguments);
        var verb = typedVerb.Length == 0 ? "week" : typedVerb.ToLowerInvariant();
        var restWords = CommandWords.Count(rest);
        var fits = verb switch
        {
            "week" or "weekly" or "month" or "monthly" => restWords <= 1 || rules.ParseFilter(rest, out _) is not null,
            "last" => restWords <= 1 || CommandWords.SplitFirst(rest) is var (period, filter) && period.ToLowerInvariant() is "week" or "month"
                && (CommandWords.Count(filter) <= 1 || rules.ParseFilter(filter, out _) is not null),
            "subscribe" => restWords <= 2 || DigestSubscriptionRules.TryParseChannelId(CommandWords.SplitFirst(rest).Word, out _) || rest.StartsWith('#'),
            "unsubscribe" => restWords <= 1 || DigestSubscriptionRules.TryParseChannelId(CommandWords.SplitFirst(rest).Word, out _),
            "list" => restWords == 0,
            _ => restWords == 0,
        };
        return fits ? new Arguments(verb, typedVerb, rest) : null;
    }

    public override async Task<SlackMessage?> RunAsync(SlashCommand command, Arguments arguments, CancellationToken ct)
    {
        var rest = arguments.Rest;
        return arguments.Verb switch
        {
            "week" or "weekly" => await ShowAsync(command, DigestPeriodKind.Week, soFar: true, rest, ct),
            "month" or "monthly" => await ShowAsync(command, DigestPeriodKind.Month, soFar: true, rest, ct),
            "last" => await ShowLastAsync(command, rest, ct),
            "subscribe" => await SubscribeAsync(command, rest, ct),
            "unsubscribe" => await UnsubscribeAsync(rest, ct),
            "list" => await ListAsync(ct),
            _ => SlackMessage.Refused($"I don't know `/feedback digest {SlackText.Defuse(arguments.Typed)}`. You can use:\n{Usage}"),
        };
    }

    /// <param name="Verb">The sub-word in lower case (<c>week</c> when there is none).</param>
    /// <param name="Typed">The sub-word as typed.</param>
    /// <param name="Rest">What follows it, as typed.</param>
    public sealed record Arguments(string Verb, string Typed, string Rest);

    private async Task<SlackMessage> ShowLastAsync(SlashCommand command, string rest, CancellationToken ct)
    {
        var (period, filter) = CommandWords.SplitFirst(rest);
        return period.ToLowerInvariant() switch
        {
            "week" => await ShowAsync(command, DigestPeriodKind.Week, soFar: false, filter, ct),
            "month" => await ShowAsync(command, DigestPeriodKind.Month, soFar: false, filter, ct),
            _ => SlackMessage.Refused("Say which complete period: `/feedback digest last week` or `/feedback digest last month`."),
        };
    }

    private async Task<SlackMessage> ShowAsync(SlashCommand command, DigestPeriodKind kind, bool soFar, string filterText, CancellationToken ct)
    {
        var filter = rules.ParseFilter(filterText, out var problem);
        if (filter is null)
        {
            return SlackMessage.Refused(problem!);
        }

        var zone = DigestSubscriptionRules.FindZone(await ZoneOfAsync(command.UserId, ct)) ?? TimeZoneInfo.Utc;
        var now = time.GetUtcNow();
        var query = soFar ? DigestQuery.SoFar(kind, zone, now, filter) : DigestQuery.LastComplete(kind, zone, now, filter);
        return DigestBlockRenderer.Render(builder.Build(await builder.LoadAsync(query, ct, people))) with { ResponseType = "ephemeral" };
    }

    private async Task<SlackMessage> SubscribeAsync(SlashCommand command, string arguments, CancellationToken ct)
    {
        var words = arguments.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2)
        {
            return SlackMessage.Refused("Say which channel and how often: `/feedback digest subscribe #product weekly` (or `monthly`, optionally followed by a bucket or product area).");
        }

        var (channel, channelProblem) = await FindChannelAsync(words[0], ct);
        if (channel is null)
        {
            return SlackMessage.Refused(channelProblem!);
        }

        if (DigestCadence.Parse(words[1]) is null)
        {
            return SlackMessage.Refused($"`{SlackText.Defuse(words[1])}` is not a digest cadence. Use `weekly` or `monthly`.");
        }

        var filter = rules.ParseFilter(words.Length > 2 ? words[2] : null, out var filterProblem);
        if (filter is null)
        {
            return SlackMessage.Refused(filterProblem!);
        }

        var zone = await ZoneOfAsync(command.UserId, ct);
        var checkedSubscription = rules.Check(channel, words[1], zone, null, filter.Bucket, filter.ProductArea, out var problem);
        if (checkedSubscription is null)
        {
            return SlackMessage.Refused(problem!);
        }

        var existing = subscriptions.All().FirstOrDefault(s => s.ChannelId == channel && s.Cadence == checkedSubscription.Cadence);
        if (existing is { Declared: true })
        {
            return SlackMessage.Refused($"<#{channel}> already gets the {existing.Describe()} digest from the bot's configuration; change it there.");
        }

        var stored = await subscriptions.SubscribeAsync(checkedSubscription with { CreatedBy = command.UserId }, ct);
        var next = await scheduler.NextFireAsync(stored, ct);
        return SlackMessage.Ephemeral(
            $"<#{channel}> will get the {stored.Describe()} feedback digest{(next is { } at ? $", next on {Local(at, stored.Zone)}" : "")} ({stored.TimeZone})."
            + (existing is null ? "" : " This replaces its earlier settings."));
    }

    private async Task<SlackMessage> UnsubscribeAsync(string arguments, CancellationToken ct)
    {
        if (arguments.Length == 0)
        {
            return SlackMessage.Refused("Say which channel: `/feedback digest unsubscribe #product`.");
        }

        var (channel, problem) = await FindChannelAsync(arguments.Split(' ')[0], ct, mustBeMember: false);
        if (channel is null)
        {
            return SlackMessage.Refused(problem!);
        }

        var (removed, declared) = await subscriptions.UnsubscribeAsync(channel, ct);
        var answer = new StringBuilder();
        answer.Append(removed.Count == 0
            ? $"<#{channel}> had no digest subscription made in Slack."
            : $"<#{channel}> will no longer get the {string.Join(" and ", removed.Select(s => s.Describe()))} digest.");
        if (declared.Count > 0)
        {
            answer.Append($" Its {string.Join(" and ", declared.Select(s => s.Describe()))} digest comes from the bot's configuration; remove it there.");
        }

        return SlackMessage.Ephemeral(answer.ToString());
    }

    private async Task<SlackMessage> ListAsync(CancellationToken ct)
    {
        var all = subscriptions.All();
        if (all.Count == 0)
        {
            return SlackMessage.Ephemeral("No channel gets a digest yet. Start one with `/feedback digest subscribe #channel weekly`.");
        }

        var lines = new StringBuilder("*Digest subscriptions*\n");
        foreach (var subscription in all)
        {
            var next = await scheduler.NextFireAsync(subscription, ct);
            lines.Append($"• <#{subscription.ChannelId}>: {subscription.Describe()}, {subscription.TimeZone}")
                .Append(next is { } at ? $", next {Local(at, subscription.Zone)}" : "")
                .Append(subscription.Declared ? " (configuration)" : subscription.CreatedBy is { } by ? $" (by <@{by}>)" : "")
                .Append('\n');
        }

        return SlackMessage.Ephemeral(lines.ToString().TrimEnd());
    }

    /// <summary>A channel from a link, an id or <c>#name</c>, which the bot must be able to post in.</summary>
    private async Task<(string? Channel, string? Problem)> FindChannelAsync(string typed, CancellationToken ct, bool mustBeMember = true)
    {
        string? channel = DigestSubscriptionRules.TryParseChannelId(typed, out var id) ? id : null;
        if (channel is null && typed.StartsWith('#') && typed.Length > 1)
        {
            channel = (await directory.FindChannelAsync(typed[1..], ct))?.Id;
            if (channel is null)
            {
                return (null, $"I can't find a channel called `{SlackText.Defuse(typed)}` that I can see.{await CandidatesAsync(typed[1..], ct)} "
                    + "Type its name after #, pick it from Slack's suggestions, or invite me to it first.");
            }
        }

        if (channel is null)
        {
            var candidates = typed.Length > 0 && typed[0] is not '@' and not '<' ? await CandidatesAsync(typed, ct) : "";
            return (null, $"`{SlackText.Defuse(typed)}` is not a channel.{candidates} Name one like `#general` (typed, or picked from Slack's suggestions).");
        }

        if (!mustBeMember)
        {
            return (channel, null);
        }

        try
        {
            var info = await slack.GetConversationInfoAsync(channel, ct);
            return info.IsMember
                ? (channel, null)
                : (null, $"I'm not in <#{channel}>. Invite me there first (`/invite @feedback-bot`), then subscribe again.");
        }
        catch (SlackApiException ex) when (ex.ErrorCode is "channel_not_found" or "not_in_channel")
        {
            return (null, $"I can't see that channel (`{channel}`). Invite me there first (`/invite @feedback-bot`), then subscribe again.");
        }
    }

    /// <summary>" Did you mean `#a`, `#b`?" for a name no channel has, or nothing.</summary>
    private async Task<string> CandidatesAsync(string name, CancellationToken ct)
    {
        var like = await directory.ChannelsLikeAsync(name, 5, ct);
        return like.Count == 0 ? "" : $" Did you mean {string.Join(", ", like.Select(c => $"`#{SlackText.Escape(c)}`"))}?";
    }

    /// <summary>The asker's Slack time zone, else the configured one.</summary>
    private async Task<string> ZoneOfAsync(string userId, CancellationToken ct)
    {
        try
        {
            var user = await slack.GetUserInfoAsync(userId, ct);
            if (DigestSubscriptionRules.FindZone(user.Tz) is not null)
            {
                return user.Tz!;
            }
        }
        catch (SlackApiException)
        {
            // Fall through to the configured zone.
        }

        return options.Value.TimeZone;
    }

    private static string Local(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("ddd d MMM yyyy HH:mm", CultureInfo.InvariantCulture);
}
