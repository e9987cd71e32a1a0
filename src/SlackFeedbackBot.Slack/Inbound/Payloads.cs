using System.Text.Json;
using System.Text.Json.Serialization;

namespace SlackFeedbackBot.Slack.Inbound;

/// <summary>A slash command invocation (HTTP form fields or the Socket Mode payload; same keys).</summary>
public sealed record SlashCommand
{
    public string Command { get; init; } = "";
    public string Text { get; init; } = "";
    public string UserId { get; init; } = "";
    public string? UserName { get; init; }
    public string ChannelId { get; init; } = "";
    public string? ChannelName { get; init; }
    public string TeamId { get; init; } = "";
    public string? TeamDomain { get; init; }
    public string? EnterpriseId { get; init; }
    public string? ResponseUrl { get; init; }
    public string? TriggerId { get; init; }
    public string? ApiAppId { get; init; }
}

/// <summary>The Events API envelope (<c>type: event_callback</c>).</summary>
public sealed record EventCallback
{
    public string Type { get; init; } = "";
    public string? TeamId { get; init; }
    public string? ApiAppId { get; init; }
    public string? EventId { get; init; }
    public long EventTime { get; init; }
    public SlackEvent Event { get; init; } = new();
}

/// <summary>An inner event. One shape for all event types: fields a type does not use stay null.</summary>
public sealed record SlackEvent
{
    public string Type { get; init; } = "";
    public string? Subtype { get; init; }

    [JsonConverter(typeof(IdOrObjectConverter))]
    public string? User { get; init; }

    public string? BotId { get; init; }

    [JsonConverter(typeof(IdOrObjectConverter))]
    public string? Channel { get; init; }

    public string? ChannelType { get; init; }
    public string? Text { get; init; }
    public string? Ts { get; init; }
    public string? ThreadTs { get; init; }
    public string? EventTs { get; init; }
    public string? ClientMsgId { get; init; }
    public bool Hidden { get; init; }

    /// <summary>message_changed: the message as it is now.</summary>
    public SlackMessageItem? Message { get; init; }

    /// <summary>message_changed / message_deleted: the message as it was.</summary>
    public SlackMessageItem? PreviousMessage { get; init; }

    /// <summary>message_deleted: ts of the deleted message.</summary>
    public string? DeletedTs { get; init; }

    /// <summary>reaction_added / reaction_removed: the emoji name without colons.</summary>
    public string? Reaction { get; init; }

    /// <summary>reaction_added: author of the item reacted to.</summary>
    public string? ItemUser { get; init; }

    /// <summary>reaction_added: what was reacted to.</summary>
    public ReactionItem? Item { get; init; }

    /// <summary>app_home_opened: which tab.</summary>
    public string? Tab { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}

public sealed record ReactionItem
{
    public string Type { get; init; } = "";
    public string? Channel { get; init; }
    public string? Ts { get; init; }
}

/// <summary>A message as it appears inside events and interaction payloads.</summary>
public sealed record SlackMessageItem
{
    public string? Type { get; init; }
    public string? Subtype { get; init; }
    public string? User { get; init; }
    public string? BotId { get; init; }
    public string? Text { get; init; }
    public string? Ts { get; init; }
    public string? ThreadTs { get; init; }
}

public sealed record IdName
{
    public string Id { get; init; } = "";
    public string? Name { get; init; }
    public string? Username { get; init; }
    public string? TeamId { get; init; }
    public string? Domain { get; init; }
}

/// <summary>A global (<c>shortcut</c>) or message (<c>message_action</c>) shortcut.</summary>
public sealed record ShortcutPayload
{
    public string Type { get; init; } = "";
    public string CallbackId { get; init; } = "";
    public string? TriggerId { get; init; }
    public string? ActionTs { get; init; }
    public IdName User { get; init; } = new();
    public IdName? Team { get; init; }
    public IdName? Channel { get; init; }
    public SlackMessageItem? Message { get; init; }
    public string? MessageTs { get; init; }
    public string? ResponseUrl { get; init; }
}

public sealed record ActionContainer
{
    public string? Type { get; init; }
    public string? MessageTs { get; init; }
    public string? ChannelId { get; init; }
    public string? ViewId { get; init; }
    public bool IsEphemeral { get; init; }
}

public sealed record BlockAction
{
    public string ActionId { get; init; } = "";
    public string? BlockId { get; init; }
    public string? Value { get; init; }
    public string? Type { get; init; }
    public string? ActionTs { get; init; }
    public SelectedOption? SelectedOption { get; init; }
}

public sealed record SelectedOption
{
    public string? Value { get; init; }
}

/// <summary>A click on a button (or another interactive element) in a message, modal or Home tab.</summary>
public sealed record BlockActionsPayload
{
    public string Type { get; init; } = "";
    public string? TriggerId { get; init; }
    public IdName User { get; init; } = new();
    public IdName? Team { get; init; }
    public IdName? Channel { get; init; }
    public ActionContainer? Container { get; init; }
    public SlackMessageItem? Message { get; init; }
    public ViewPayload? View { get; init; }
    public string? ResponseUrl { get; init; }
    public IReadOnlyList<BlockAction> Actions { get; init; } = [];
}

/// <summary>A view as Slack sends it back: ids, metadata and the state of its inputs.</summary>
public sealed record ViewPayload
{
    public string? Id { get; init; }
    public string? Type { get; init; }
    public string? CallbackId { get; init; }
    public string? PrivateMetadata { get; init; }
    public string? Hash { get; init; }
    public string? ExternalId { get; init; }
    public ViewState? State { get; init; }
}

public sealed record ViewState
{
    /// <summary>block_id -> action_id -> value.</summary>
    public Dictionary<string, Dictionary<string, ViewStateValue>> Values { get; init; } = new();
}

public sealed record ViewStateValue
{
    public string? Type { get; init; }
    public string? Value { get; init; }
    public SelectedOption? SelectedOption { get; init; }
    /// <summary>Checkboxes and multi-selects: every option chosen (empty when none is).</summary>
    public IReadOnlyList<SelectedOption>? SelectedOptions { get; init; }
    public string? SelectedUser { get; init; }
    public string? SelectedConversation { get; init; }
    public string? SelectedChannel { get; init; }
    public string? SelectedDate { get; init; }
}

/// <summary>A modal submitted (view_submission) or closed (view_closed).</summary>
public sealed record ViewSubmissionPayload
{
    public string Type { get; init; } = "";
    public string? TriggerId { get; init; }
    public IdName User { get; init; } = new();
    public IdName? Team { get; init; }
    public ViewPayload View { get; init; } = new();
}
