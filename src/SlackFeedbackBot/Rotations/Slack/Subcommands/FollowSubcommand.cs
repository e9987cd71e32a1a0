using SlackFeedbackBot.Commands;
using SlackFeedbackBot.Rotations.People;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary>Who may change what a rotation follows, and which rotation and source a command names.</summary>
public sealed class FollowRequests(RotationChooser chooser, RotationAdmin admin, FollowTargets targets)
{
    public const string NotAllowed = "Only the rotation's owners and rotation admins can change what it follows; nothing was changed.";

    /// <summary><c>[rotation] source</c>: the rotation (named, or the only one) and the source, or what is wrong.</summary>
    public async Task<(RotationSettings? Rotation, FollowSource? Source, string? Problem)> ReadAsync(string userId, string arguments, string usage, CancellationToken ct)
    {
        var words = CommandWords.Split(arguments);
        if (words.Length is 0 or > 2)
        {
            return (null, null, $"Write {usage}.");
        }

        var (rotation, problem) = await chooser.ChooseAsync(userId, words.Length == 2 ? words[0] : null);
        if (rotation is null)
        {
            return (null, null, problem);
        }

        if (!admin.IsAdmin(userId) && !rotation.Owners.Contains(userId, StringComparer.Ordinal))
        {
            return (null, null, NotAllowed);
        }

        var (source, unreadable) = await targets.ReadAsync(words[^1], ct);
        return source is null ? (null, null, unreadable) : (rotation, source, null);
    }
}

/// <summary><c>/support follow [rotation] @group|#channel</c>: the rotation's members follow the group or channel from now on.</summary>
public sealed class FollowSubcommand(FollowRequests requests, FollowRepository follows, MemberSync sync, TimeProvider time) : Subcommand<RawArguments>, ISupportSubcommand
{
    public override string Name => "follow";

    public override string Usage => "`/support follow [rotation] @group|#channel`: everyone in the group or channel is on the rotation, now and as people come and go";

    public override RawArguments? TryParse(string arguments) => SupportArguments.Any(arguments);

    public override async Task<SlackMessage?> RunAsync(SlashCommand command, RawArguments arguments, CancellationToken ct)
    {
        var (rotation, source, problem) = await requests.ReadAsync(command.UserId, arguments.Text, "`/support follow [rotation] @group` or `/support follow [rotation] #channel`", ct);
        if (rotation is null || source is null)
        {
            return SlackMessage.Ephemeral(problem!);
        }

        if (!await follows.FollowAsync(rotation.Id, source, command.UserId, time.GetUtcNow()))
        {
            return SlackMessage.Ephemeral($"*{rotation.Name}* already follows {source.Mention}.");
        }

        var changes = await sync.SyncAsync(rotation, ct);
        return SlackMessage.Ephemeral($"*{rotation.Name}* now follows {source.Mention}: {changes.Enrol.Count} {(changes.Enrol.Count == 1 ? "person" : "people")} joined (welcomed by DM), nobody is on it twice, and it stays in step as people come and go.");
    }
}

/// <summary><c>/support unfollow [rotation] @group|#channel</c>: people who came in through it and are in nothing else it follows leave.</summary>
public sealed class UnfollowSubcommand(FollowRequests requests, FollowRepository follows, MemberSync sync) : Subcommand<RawArguments>, ISupportSubcommand
{
    public override string Name => "unfollow";

    public override string Usage => "`/support unfollow [rotation] @group|#channel`: stop following it; people who came in through it leave";

    public override RawArguments? TryParse(string arguments) => SupportArguments.Any(arguments);

    public override async Task<SlackMessage?> RunAsync(SlashCommand command, RawArguments arguments, CancellationToken ct)
    {
        var (rotation, source, problem) = await requests.ReadAsync(command.UserId, arguments.Text, "`/support unfollow [rotation] @group` or `/support unfollow [rotation] #channel`", ct);
        if (rotation is null || source is null)
        {
            return SlackMessage.Ephemeral(problem!);
        }

        if (!await follows.UnfollowAsync(rotation.Id, source))
        {
            return SlackMessage.Ephemeral($"*{rotation.Name}* does not follow {source.Mention}, so nothing changed.");
        }

        var changes = await sync.SyncAsync(rotation, ct);
        return SlackMessage.Ephemeral($"*{rotation.Name}* no longer follows {source.Mention}. {changes.Remove.Count} {(changes.Remove.Count == 1 ? "person" : "people")} who came in through it left; anyone whose shifts moved has been told.");
    }
}
