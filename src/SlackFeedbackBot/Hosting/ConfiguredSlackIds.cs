using Microsoft.Extensions.Options;
using SlackFeedbackBot.Digests;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Rotations;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Configuration;

namespace SlackFeedbackBot.Hosting;

public enum SlackIdKind
{
    Channel,
    User,
}

/// <summary>A channel or user id written in a setting.</summary>
public sealed record ConfiguredSlackId(string Setting, string Id, SlackIdKind Kind);

/// <summary>
/// The channel and user ids the settings name, and which of them Slack does not know (conversations.info,
/// users.info). An unknown id is a warning, not a refusal: the rest of the bot works, and a private channel the bot
/// has not been invited to looks the same from outside.
/// </summary>
public static class ConfiguredSlackIds
{
    public static IReadOnlyList<ConfiguredSlackId> From(IServiceProvider services)
    {
        var ids = new List<ConfiguredSlackId>();
        var feedback = services.GetRequiredService<IOptions<FeedbackOptions>>().Value;
        for (var i = 0; i < feedback.PassiveChannels.Count; i++)
        {
            AddChannel(ids, $"Feedback:PassiveChannels:{i}", feedback.PassiveChannels[i]);
        }

        AddChannel(ids, "Feedback:Thresholds:AlertChannel", feedback.Thresholds.AlertChannel);

        var digests = services.GetRequiredService<IOptions<DigestOptions>>().Value;
        for (var i = 0; i < digests.Subscriptions.Count; i++)
        {
            if (DigestSubscriptionRules.TryParseChannelId(digests.Subscriptions[i].Channel, out var channel))
            {
                ids.Add(new($"Digests:Subscriptions:{i}:Channel", channel, SlackIdKind.Channel));
            }
        }

        var rotations = services.GetRequiredService<IOptions<RotationsOptions>>().Value;
        for (var i = 0; i < rotations.Admins.Count; i++)
        {
            AddUser(ids, $"Rotations:Admins:{i}", rotations.Admins[i]);
        }

        for (var r = 0; r < rotations.Rotations.Count; r++)
        {
            var rotation = rotations.Rotations[r];
            var at = $"Rotations:Rotations:{r}";
            AddChannel(ids, $"{at}:SupportChannel", rotation.SupportChannel);
            for (var i = 0; i < rotation.Owners.Count; i++)
            {
                AddUser(ids, $"{at}:Owners:{i}", rotation.Owners[i]);
            }

            for (var i = 0; i < rotation.SupportPros.Count; i++)
            {
                AddUser(ids, $"{at}:SupportPros:{i}", rotation.SupportPros[i]);
            }

            for (var i = 0; i < rotation.Members.Count; i++)
            {
                AddUser(ids, $"{at}:Members:{i}:UserId", rotation.Members[i].UserId);
            }
        }

        return ids;
    }

    /// <summary>One line per setting whose id Slack does not know; ids Slack could not be asked about are left out.</summary>
    public static async Task<IReadOnlyList<string>> FindUnknownAsync(ISlackApiClient api, IReadOnlyList<ConfiguredSlackId> ids, CancellationToken ct)
    {
        var lines = new List<string>();
        foreach (var group in ids.GroupBy(i => (i.Kind, i.Id)))
        {
            var error = await UnknownAsync(api, group.Key.Kind, group.Key.Id, ct);
            if (error is null)
            {
                continue;
            }

            lines.AddRange(group.Select(id => id.Kind == SlackIdKind.Channel
                ? $"{SettingName.Of(id.Setting)} names channel {id.Id}, which Slack does not know ({error}); use the id from the channel's About tab, and invite the bot if the channel is private."
                : $"{SettingName.Of(id.Setting)} names user {id.Id}, which Slack does not know ({error}); use the member id from the person's profile (⋯ > Copy member ID)."));
        }

        return lines;
    }

    /// <summary>Logs a warning per unknown id; run in the background at start, so it never holds the bot up.</summary>
    public static async Task WarnAsync(IServiceProvider services, CancellationToken ct)
    {
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConfiguredSlackIds).FullName!);
        try
        {
            foreach (var line in await FindUnknownAsync(services.GetRequiredService<ISlackApiClient>(), From(services), ct))
            {
                log.LogWarning("Configuration: {Problem}", line);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            log.LogWarning("Could not check the channel and user ids in the settings ({Reason})", ex.GetType().Name);
        }
    }

    private static async Task<string?> UnknownAsync(ISlackApiClient api, SlackIdKind kind, string id, CancellationToken ct)
    {
        try
        {
            if (kind == SlackIdKind.Channel)
            {
                await api.GetConversationInfoAsync(id, ct);
            }
            else
            {
                await api.GetUserInfoAsync(id, ct);
            }

            return null;
        }
        catch (SlackApiException ex) when (ex.ErrorCode is "channel_not_found" or "user_not_found")
        {
            return ex.ErrorCode;
        }
        catch (SlackApiException)
        {
            // A missing scope, a rate limit or an outage says nothing about the id.
            return null;
        }
    }

    private static void AddChannel(List<ConfiguredSlackId> ids, string setting, string? value)
    {
        if (Parse(() => RotationSettingsText.ParseChannel(value ?? "")) is { } id)
        {
            ids.Add(new(setting, id, SlackIdKind.Channel));
        }
    }

    private static void AddUser(List<ConfiguredSlackId> ids, string setting, string? value)
    {
        if (Parse(() => RotationSettingsText.ParseUser(value ?? "")) is { } id)
        {
            ids.Add(new(setting, id, SlackIdKind.User));
        }
    }

    private static string? Parse(Func<string> parse)
    {
        try
        {
            return parse();
        }
        catch (RotationSettingException)
        {
            return null;
        }
    }
}
