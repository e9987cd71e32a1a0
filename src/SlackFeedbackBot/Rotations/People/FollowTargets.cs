using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Directory;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Rotations.People;

/// <summary>
/// Reads what <c>/support follow</c> names: a user group as Slack escapes it (<c>&lt;!subteam^S123|@team&gt;</c>) or
/// by its handle or name (<c>@team</c>, looked up in usergroups.list), or a channel as Slack escapes it
/// (<c>&lt;#C123|name&gt;</c>) or by its plain name (<c>#general</c>, through the <see cref="WorkspaceDirectory"/>).
/// A bare word (which could be a rotation's name) is neither: the answer names the groups and channels it may mean.
/// </summary>
public sealed class FollowTargets(ISlackApiClient slack, WorkspaceDirectory directory)
{
    public const string Hint = "Name a user group as `@group` or a channel as `#channel` (typed, or picked from Slack's suggestions).";

    private const int Candidates = 5;

    public async Task<(FollowSource? Source, string? Problem)> ReadAsync(string typed, CancellationToken ct)
    {
        var text = typed.Trim();
        if (TryReadMarkup(text) is { } source)
        {
            return (source, null);
        }

        if (IsPersonMarkup(text))
        {
            return (null, $"{SlackText.Defuse(text)} is a person, and a rotation follows a user group or a channel. {Hint} "
                + "To put one person on the rotation, add them with `/support edit [rotation] members=…`.");
        }

        var sigil = text.Length > 0 && text[0] is '@' or '#' ? text[0] : (char?)null;
        var name = sigil is null ? text : text[1..];
        if (name.Length == 0)
        {
            return (null, $"I couldn't read `{SlackText.Defuse(text)}` as a user group or channel. {Hint}");
        }

        var groups = sigil == '#' ? [] : await slack.ListUserGroupsAsync(false, ct);
        if (sigil is null)
        {
            // A bare word could as well be a rotation's name: it takes its @ or #, and the answer offers both readings.
            return (null, await UnknownAsync(text, name, sigil, groups, ct));
        }

        var group = groups.FirstOrDefault(g => g.Handle.Equals(name, StringComparison.OrdinalIgnoreCase))
            ?? groups.FirstOrDefault(g => name.Equals(g.Name, StringComparison.OrdinalIgnoreCase));
        var channel = sigil == '@' ? null : await directory.FindChannelAsync(name, ct);
        if (group is not null)
        {
            return (new FollowSource(FollowKind.UserGroup, group.Id, "@" + group.Handle), null);
        }

        if (channel is not null)
        {
            return (new FollowSource(FollowKind.Channel, channel.Id), null);
        }

        if (sigil == '@' && await directory.FindPersonAsync(name, ct) is not null)
        {
            return (null, $"`{SlackText.Defuse(text)}` is a person, and a rotation follows a user group or a channel. {Hint} "
                + "To put one person on the rotation, add them with `/support edit [rotation] members=…`.");
        }

        return (null, await UnknownAsync(text, name, sigil, groups, ct));
    }

    private async Task<string> UnknownAsync(string text, string name, char? sigil, IReadOnlyList<UserGroup> groups, CancellationToken ct)
    {
        var prefix = name[..Math.Min(3, name.Length)];
        var similarGroups = groups
            .Where(g => g.Handle.Contains(name, StringComparison.OrdinalIgnoreCase) || g.Handle.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            .OrderBy(g => !g.Handle.Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(g => $"`@{SlackText.Escape(g.Handle)}`");
        var similarChannels = sigil == '@' ? [] : (await directory.ChannelsLikeAsync(name, Candidates, ct))
            .OrderBy(c => !c.Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(c => $"`#{SlackText.Escape(c)}`");
        var candidates = similarGroups.Concat(similarChannels).Take(Candidates).ToList();
        var opening = sigil switch
        {
            '@' => $"There is no user group called `{SlackText.Defuse(text)}` in this workspace.",
            '#' => $"There is no channel called `{SlackText.Defuse(text)}` in this workspace.",
            _ => $"I couldn't read `{SlackText.Defuse(text)}` as a user group or channel.",
        };
        return opening
            + (candidates.Count > 0 ? $" Did you mean {string.Join(", ", candidates)}?" : "")
            + $" {Hint} Nothing was changed.";
    }

    private static bool IsPersonMarkup(string text)
    {
        var tokens = SlackMarkup.Tokens(text);
        return tokens.Count == 1 && tokens[0].Start == 0 && tokens[0].End == text.Length && tokens[0].Kind == SlackMarkupKind.User;
    }

    /// <summary>The whole text is one user group or channel token.</summary>
    public static FollowSource? TryReadMarkup(string text)
    {
        var tokens = SlackMarkup.Tokens(text);
        if (tokens.Count != 1 || tokens[0].Start != 0 || tokens[0].End != text.Length)
        {
            return null;
        }

        var target = tokens[0].Target(text).ToString().TrimStart('!');
        var label = tokens[0].HasLabel ? tokens[0].Label(text).ToString() : null;
        return tokens[0].Kind switch
        {
            SlackMarkupKind.UserGroup when target.StartsWith("subteam^", StringComparison.Ordinal) && target.Length > 8 => new FollowSource(FollowKind.UserGroup, target[8..], label),
            SlackMarkupKind.Channel => new FollowSource(FollowKind.Channel, target.TrimStart('#')),
            _ => null,
        };
    }
}
