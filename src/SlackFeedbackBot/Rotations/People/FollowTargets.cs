using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Rotations.People;

/// <summary>
/// Reads what <c>/support follow</c> names: a user group as Slack escapes it (<c>&lt;!subteam^S123|@team&gt;</c>) or
/// by its handle (<c>@team</c>, looked up in usergroups.list), or a channel as Slack escapes it (<c>&lt;#C123|name&gt;</c>).
/// </summary>
public sealed class FollowTargets(ISlackApiClient slack)
{
    public const string Hint = "Name a user group as `@group` or a channel as `#channel`, picked from Slack's suggestions as you type.";

    public async Task<(FollowSource? Source, string? Problem)> ReadAsync(string typed, CancellationToken ct)
    {
        var text = typed.Trim();
        if (TryReadMarkup(text) is { } source)
        {
            return (source, null);
        }

        if (text.StartsWith('@') && text.Length > 1)
        {
            var handle = text[1..];
            var group = (await slack.ListUserGroupsAsync(false, ct)).FirstOrDefault(g => g.Handle.Equals(handle, StringComparison.OrdinalIgnoreCase));
            return group is null
                ? (null, $"There is no user group `{SlackText.Defuse(text)}` in this workspace. {Hint}")
                : (new FollowSource(FollowKind.UserGroup, group.Id, "@" + group.Handle), null);
        }

        return (null, $"I couldn't read `{SlackText.Defuse(text)}` as a user group or channel. {Hint}");
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
