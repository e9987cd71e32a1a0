using System.Text.Json.Nodes;
using SlackFeedbackBot.Emulator.BlockKit;
using SlackFeedbackBot.Emulator.Delivery;
using SlackFeedbackBot.Emulator.Workspace;

namespace SlackFeedbackBot.Emulator;

/// <summary>Acting as users on the app's surfaces: slash commands, shortcuts, buttons and modals.</summary>
public sealed partial class SlackEmulator
{
    /// <summary>
    /// Runs "/command text" as a user typed it; the app gets the text as Slack sends it (<see cref="SlashCommandText"/>).
    /// An immediate reply in the ack is shown like Slack shows it (ephemeral unless in_channel).
    /// </summary>
    public async Task<DeliveryResult> SendSlashCommandAsync(string userId, string channelId, string command, string text = "", CancellationToken ct = default)
    {
        var user = HumanUser(userId);
        var channel = Channel(channelId);
        if (!command.StartsWith('/')) throw new EmulatorActionException($"A slash command starts with '/': {command}");
        var target = new ResponseUrlTarget(user.Id, channel.Id, null);
        var responseUrl = ResponseUrlPosts.Issue(BaseUrl, target);
        var triggerId = Triggers.Issue(user.Id);
        var payload = new JsonObject
        {
            ["token"] = "emulatorVerificationToken",
            ["team_id"] = TeamId,
            ["team_domain"] = Workspace.TeamDomain,
            ["channel_id"] = channel.Id,
            ["channel_name"] = channel.IsIm ? "directmessage" : channel.Name,
            ["user_id"] = user.Id,
            ["user_name"] = user.Name,
            ["command"] = command,
            ["text"] = SlashCommandText.AsSent(text, SlashCommands.ShouldEscape(command), Workspace),
            ["api_app_id"] = AppId,
            ["is_enterprise_install"] = "false",
            ["response_url"] = responseUrl,
            ["trigger_id"] = triggerId,
        };
        var result = await DeliverAsync(new DeliveryRequest(DeliveryKind.SlashCommand, payload) { ResponseUrl = responseUrl, TriggerId = triggerId }, ct);
        if (result.AckPayload is JsonObject reply)
        {
            if (reply["response_type"]?.ToString() == "in_channel")
                Workspace.AddMessage(new StoredMessage(channel.Id, Workspace.Clock.NextTs(), user.Id, null, $"{command} {text}".TrimEnd()));
            ApplyResponseMessage(reply, target);
        }
        return result;
    }

    /// <summary>Opens the app's Home tab as a user: app_home_opened (tab "home") with the Home view the app last published, if any.</summary>
    public Task<DeliveryResult> SendAppHomeOpenedAsync(string userId, CancellationToken ct = default)
    {
        var user = HumanUser(userId);
        var dm = Workspace.OpenDm(user.Id, BotUserId);
        var inner = new JsonObject
        {
            ["type"] = "app_home_opened",
            ["user"] = user.Id,
            ["channel"] = dm.Id,
            ["tab"] = "home",
            ["event_ts"] = Workspace.Clock.NextTs(),
        };
        if (Workspace.HomeView(user.Id) is { } home) inner["view"] = home.View.DeepClone();
        return DeliverEventAsync(inner, null, 0, ct);
    }

    /// <summary>Runs a message shortcut (message_action) on a stored message.</summary>
    public Task<DeliveryResult> SendMessageShortcutAsync(string userId, string channelId, string messageTs, string callbackId, CancellationToken ct = default)
    {
        var user = HumanUser(userId);
        var channel = Channel(channelId);
        var message = Workspace.FindMessage(channel.Id, messageTs) ?? throw new EmulatorActionException($"There is no message {messageTs} in {channel.Id}.");
        var responseUrl = ResponseUrlPosts.Issue(BaseUrl, new ResponseUrlTarget(user.Id, channel.Id, messageTs));
        var triggerId = Triggers.Issue(user.Id);
        var payload = new JsonObject
        {
            ["type"] = "message_action",
            ["token"] = "emulatorVerificationToken",
            ["action_ts"] = Workspace.Clock.NextTs(),
            ["team"] = Team(),
            ["user"] = new JsonObject { ["id"] = user.Id, ["name"] = user.Name, ["username"] = user.Name, ["team_id"] = TeamId },
            ["channel"] = new JsonObject { ["id"] = channel.Id, ["name"] = channel.IsIm ? "directmessage" : channel.Name },
            ["is_enterprise_install"] = false,
            ["enterprise"] = null,
            ["callback_id"] = callbackId,
            ["trigger_id"] = triggerId,
            ["response_url"] = responseUrl,
            ["message_ts"] = messageTs,
            ["message"] = message.ToJson(TeamId),
        };
        return DeliverAsync(new DeliveryRequest(DeliveryKind.Interactive, payload) { ResponseUrl = responseUrl, TriggerId = triggerId }, ct);
    }

    /// <summary>Runs a global shortcut (no channel, no response_url).</summary>
    public Task<DeliveryResult> SendGlobalShortcutAsync(string userId, string callbackId, CancellationToken ct = default)
    {
        var user = HumanUser(userId);
        var triggerId = Triggers.Issue(user.Id);
        var payload = new JsonObject
        {
            ["type"] = "shortcut",
            ["token"] = "emulatorVerificationToken",
            ["action_ts"] = Workspace.Clock.NextTs(),
            ["team"] = Team(),
            ["user"] = new JsonObject { ["id"] = user.Id, ["username"] = user.Name, ["team_id"] = TeamId },
            ["is_enterprise_install"] = false,
            ["enterprise"] = null,
            ["callback_id"] = callbackId,
            ["trigger_id"] = triggerId,
        };
        return DeliverAsync(new DeliveryRequest(DeliveryKind.Interactive, payload) { TriggerId = triggerId }, ct);
    }

    /// <summary>Clicks the button with <paramref name="actionId"/> in a stored message; block_actions carries the button's value.</summary>
    public Task<DeliveryResult> ClickButtonAsync(string userId, string channelId, string messageTs, string actionId, CancellationToken ct = default)
    {
        var message = FindStoredMessage(channelId, messageTs);
        EnsureSees(userId, message);
        var (blockId, button) = FindButton(message.Blocks, actionId, $"message {messageTs}");
        return SendMessageActionAsync(userId, message, ButtonAction(blockId, button), ct);
    }

    /// <summary>Picks the option with <paramref name="value"/> in a static select of a stored message; block_actions carries the selected option.</summary>
    public Task<DeliveryResult> SelectOptionAsync(string userId, string channelId, string messageTs, string actionId, string value, CancellationToken ct = default)
    {
        var message = FindStoredMessage(channelId, messageTs);
        EnsureSees(userId, message);
        var selects = Elements(message.Blocks).Where(e => e.Element["type"]?.ToString() == "static_select").ToList();
        var (blockId, select) = selects.FirstOrDefault(e => e.Element["action_id"]?.ToString() == actionId);
        if (select is null)
        {
            var available = selects.Count == 0 ? "none" : string.Join(", ", selects.Select(e => e.Element["action_id"]?.ToString()));
            throw new EmulatorActionException($"No static select with action_id '{actionId}' in message {messageTs}. Selects there: {available}.");
        }
        var options = (select["options"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var option = options.FirstOrDefault(o => o["value"]?.ToString() == value)
            ?? throw new EmulatorActionException($"The select '{actionId}' has no option '{value}'. Options: {string.Join(", ", options.Select(o => o["value"]?.ToString()))}.");
        var action = new JsonObject
        {
            ["type"] = "static_select",
            ["action_id"] = actionId,
            ["block_id"] = blockId,
            ["selected_option"] = option.DeepClone(),
            ["placeholder"] = select["placeholder"]?.DeepClone(),
            ["action_ts"] = Workspace.Clock.NextTs(),
        };
        return SendMessageActionAsync(userId, message, action, ct);
    }

    private StoredMessage FindStoredMessage(string channelId, string messageTs)
    {
        var channel = Channel(channelId);
        return Workspace.FindMessage(channel.Id, messageTs) ?? throw new EmulatorActionException($"There is no message {messageTs} in {channel.Id}.");
    }

    /// <summary>Slack shows an ephemeral message to its one user only: nobody else can see it, let alone click in it.</summary>
    private static void EnsureSees(string userId, StoredMessage message)
    {
        if (message.EphemeralFor is { } owner && owner != userId)
            throw new EmulatorActionException($"Message {message.Ts} in {message.Channel} is ephemeral, shown only to {owner}: {userId} cannot see it.");
    }

    /// <summary>A modal or Home tab is shown to the user it was opened or published for; nobody else can act in it.</summary>
    private static void EnsureSees(string userId, StoredView view)
    {
        if (view.UserId != userId)
            throw new EmulatorActionException($"View {view.Id} ({view.Type}) belongs to {view.UserId}: {userId} cannot see it.");
    }

    private Task<DeliveryResult> SendMessageActionAsync(string userId, StoredMessage message, JsonObject action, CancellationToken ct)
    {
        var user = HumanUser(userId);
        var channel = Channel(message.Channel);
        var responseUrl = ResponseUrlPosts.Issue(BaseUrl, new ResponseUrlTarget(user.Id, channel.Id, message.Ts));
        var triggerId = Triggers.Issue(user.Id);
        var payload = BlockActions(user, triggerId, action);
        payload["container"] = new JsonObject
        {
            ["type"] = "message",
            ["message_ts"] = message.Ts,
            ["channel_id"] = channel.Id,
            ["is_ephemeral"] = message.EphemeralFor is not null,
        };
        payload["channel"] = new JsonObject { ["id"] = channel.Id, ["name"] = channel.IsIm ? "directmessage" : channel.Name };
        payload["message"] = message.ToJson(TeamId);
        payload["response_url"] = responseUrl;
        return DeliverAsync(new DeliveryRequest(DeliveryKind.Interactive, payload) { ResponseUrl = responseUrl, TriggerId = triggerId }, ct);
    }

    /// <summary>Clicks a button in a modal or Home tab.</summary>
    public Task<DeliveryResult> ClickViewButtonAsync(string userId, string viewId, string actionId, CancellationToken ct = default)
    {
        var user = HumanUser(userId);
        var view = Workspace.GetView(viewId) ?? throw new EmulatorActionException($"There is no view {viewId}.");
        EnsureSees(user.Id, view);
        var (blockId, button) = FindButton(view.View["blocks"] as JsonArray, actionId, $"view {viewId}");
        var triggerId = Triggers.Issue(user.Id);
        var payload = BlockActions(user, triggerId, ButtonAction(blockId, button));
        payload["container"] = new JsonObject { ["type"] = "view", ["view_id"] = viewId };
        payload["view"] = view.View.DeepClone();
        return DeliverAsync(new DeliveryRequest(DeliveryKind.Interactive, payload) { TriggerId = triggerId }, ct);
    }

    /// <summary>Clicks the button with <paramref name="actionId"/> and <paramref name="value"/> in a modal or Home tab (one of many alike, one per item).</summary>
    public Task<DeliveryResult> ClickViewButtonAsync(string userId, string viewId, string actionId, string value, CancellationToken ct = default)
    {
        var view = Workspace.GetView(viewId) ?? throw new EmulatorActionException($"There is no view {viewId}.");
        var (blockId, button) = Elements(view.View["blocks"] as JsonArray)
            .FirstOrDefault(e => e.Element["type"]?.ToString() == "button" && e.Element["action_id"]?.ToString() == actionId && e.Element["value"]?.ToString() == value);
        if (button is null)
        {
            throw new EmulatorActionException($"No button with action_id '{actionId}' and value '{value}' in view {viewId}.");
        }
        return SendViewActionAsync(userId, view, ButtonAction(blockId, button), ct);
    }

    /// <summary>Picks the option with <paramref name="value"/> in a static select of a modal or Home tab; block_actions carries the selected option.</summary>
    public Task<DeliveryResult> SelectViewOptionAsync(string userId, string viewId, string actionId, string value, CancellationToken ct = default)
    {
        var view = Workspace.GetView(viewId) ?? throw new EmulatorActionException($"There is no view {viewId}.");
        var (blockId, select) = Elements(view.View["blocks"] as JsonArray)
            .FirstOrDefault(e => e.Element["type"]?.ToString() == "static_select" && e.Element["action_id"]?.ToString() == actionId
                && (e.Element["options"] as JsonArray ?? []).OfType<JsonObject>().Any(o => o["value"]?.ToString() == value));
        if (select is null)
        {
            throw new EmulatorActionException($"No static select '{actionId}' with an option '{value}' in view {viewId}.");
        }
        var option = (select["options"] as JsonArray)!.OfType<JsonObject>().First(o => o["value"]?.ToString() == value);
        var action = new JsonObject
        {
            ["type"] = "static_select",
            ["action_id"] = actionId,
            ["block_id"] = blockId,
            ["selected_option"] = option.DeepClone(),
            ["placeholder"] = select["placeholder"]?.DeepClone(),
            ["action_ts"] = Workspace.Clock.NextTs(),
        };
        return SendViewActionAsync(userId, view, action, ct);
    }

    private Task<DeliveryResult> SendViewActionAsync(string userId, StoredView view, JsonObject action, CancellationToken ct)
    {
        var user = HumanUser(userId);
        EnsureSees(user.Id, view);
        var triggerId = Triggers.Issue(user.Id);
        var payload = BlockActions(user, triggerId, action);
        payload["container"] = new JsonObject { ["type"] = "view", ["view_id"] = view.View["id"]?.ToString() };
        payload["view"] = view.View.DeepClone();
        return DeliverAsync(new DeliveryRequest(DeliveryKind.Interactive, payload) { TriggerId = triggerId }, ct);
    }

    /// <summary>
    /// Submits a modal with input values given as block_id -> action_id -> value (option value for selects, user id for
    /// user pickers, "2025-01-31" for date pickers...). The app's response_action is applied: errors keep the modal open,
    /// update/push change it, clear closes all; an empty ack closes it.
    /// </summary>
    public async Task<DeliveryResult> SubmitViewAsync(string userId, string viewId, IReadOnlyDictionary<string, Dictionary<string, string>> values, CancellationToken ct = default)
    {
        var user = HumanUser(userId);
        var view = Workspace.GetView(viewId) ?? throw new EmulatorActionException($"There is no view {viewId}.");
        EnsureSees(user.Id, view);
        var submitted = (JsonObject)view.View.DeepClone();
        submitted["state"] = new JsonObject { ["values"] = ViewState.Build(submitted["blocks"] as JsonArray, values) };
        var triggerId = Triggers.Issue(user.Id);
        var payload = new JsonObject
        {
            ["type"] = "view_submission",
            ["team"] = Team(),
            ["user"] = new JsonObject { ["id"] = user.Id, ["username"] = user.Name, ["name"] = user.Name, ["team_id"] = TeamId },
            ["api_app_id"] = AppId,
            ["token"] = "emulatorVerificationToken",
            ["trigger_id"] = triggerId,
            ["view"] = submitted,
            ["response_urls"] = new JsonArray(),
            ["is_enterprise_install"] = false,
            ["enterprise"] = null,
        };
        var result = await DeliverAsync(new DeliveryRequest(DeliveryKind.Interactive, payload) { TriggerId = triggerId }, ct);
        if (!result.Acked) return result;
        var ack = result.AckPayload as JsonObject;
        var reasons = ack?.ContainsKey("response_action") == true ? BlockKitValidator.SubmissionAck(ack, view.View) : [];
        if (reasons.Count == 0)
        {
            ApplyResponseAction(user.Id, view, ack);
            return result;
        }
        // Slack keeps the modal open as it was and shows its connection error above it; the app hears nothing back.
        Errors.Add(new EmulatorError("view_submission ack", "invalid_response_action", reasons, Time.GetUtcNow()));
        return result with { AckError = SubmissionAckRefused };
    }

    /// <summary>What Slack shows in a modal whose submission ack it could not use.</summary>
    public const string SubmissionAckRefused = "We had some trouble connecting. Try again?";

    /// <summary>Closes a modal with ×; view_closed is delivered only when the view asked for it (notify_on_close).</summary>
    public async Task<DeliveryResult?> CloseViewAsync(string userId, string viewId, CancellationToken ct = default)
    {
        var user = HumanUser(userId);
        var view = Workspace.GetView(viewId) ?? throw new EmulatorActionException($"There is no view {viewId}.");
        var clearAll = view.View["clear_on_close"]?.GetValue<bool>() == true;
        Workspace.CloseModal(user.Id, viewId, clearAll);
        if (view.View["notify_on_close"]?.GetValue<bool>() != true) return null;
        var payload = new JsonObject
        {
            ["type"] = "view_closed",
            ["team"] = Team(),
            ["user"] = new JsonObject { ["id"] = user.Id, ["username"] = user.Name, ["name"] = user.Name, ["team_id"] = TeamId },
            ["api_app_id"] = AppId,
            ["token"] = "emulatorVerificationToken",
            ["view"] = view.View.DeepClone(),
            ["is_cleared"] = clearAll,
            ["is_enterprise_install"] = false,
            ["enterprise"] = null,
        };
        return await DeliverAsync(new DeliveryRequest(DeliveryKind.Interactive, payload), ct);
    }

    private void ApplyResponseAction(string userId, StoredView view, JsonObject? ack)
    {
        switch (ack?["response_action"]?.ToString())
        {
            case null:
                Workspace.CloseModal(userId, view.Id, clearAll: false);
                break;
            case "clear":
                Workspace.CloseModal(userId, view.Id, clearAll: true);
                break;
            case "update" when ack["view"] is JsonObject replacement:
                var updated = (JsonObject)replacement.DeepClone();
                CompleteView(updated, view.Id, view.View["root_view_id"]?.ToString(), view.View["previous_view_id"]?.ToString());
                Workspace.SaveView(view with { View = updated });
                break;
            case "push" when ack["view"] is JsonObject pushed:
                var id = Workspace.Ids.Next('V');
                var next = (JsonObject)pushed.DeepClone();
                CompleteView(next, id, view.View["root_view_id"]?.ToString(), view.Id);
                Workspace.PushModal(new StoredView(id, "modal", userId, next), newStack: false);
                break;
        }
    }

    private JsonObject BlockActions(WorkspaceUser user, string triggerId, JsonObject action) => new()
    {
        ["type"] = "block_actions",
        ["user"] = new JsonObject { ["id"] = user.Id, ["username"] = user.Name, ["name"] = user.Name, ["team_id"] = TeamId },
        ["api_app_id"] = AppId,
        ["token"] = "emulatorVerificationToken",
        ["trigger_id"] = triggerId,
        ["team"] = Team(),
        ["enterprise"] = null,
        ["is_enterprise_install"] = false,
        ["state"] = new JsonObject { ["values"] = new JsonObject() },
        ["actions"] = new JsonArray(action),
    };

    private JsonObject ButtonAction(string? blockId, JsonObject button) => new()
    {
        ["action_id"] = button["action_id"]?.DeepClone(),
        ["block_id"] = blockId,
        ["text"] = button["text"]?.DeepClone(),
        ["value"] = button["value"]?.DeepClone(),
        ["style"] = button["style"]?.DeepClone(),
        ["type"] = "button",
        ["action_ts"] = Workspace.Clock.NextTs(),
    };

    /// <summary>Every interactive element of the blocks (actions elements and section accessories) with its block's id.</summary>
    private static IEnumerable<(string? BlockId, JsonObject Element)> Elements(JsonArray? blocks) =>
        (blocks ?? []).OfType<JsonObject>().SelectMany(block => (block["elements"] as JsonArray ?? []).Append(block["accessory"]).OfType<JsonObject>()
            .Select(e => (BlockId: block["block_id"]?.ToString(), Element: e)));

    private static (string? BlockId, JsonObject Button) FindButton(JsonArray? blocks, string actionId, string where)
    {
        var buttons = Elements(blocks).Where(e => e.Element["type"]?.ToString() == "button").ToList();
        var found = buttons.FirstOrDefault(b => b.Element["action_id"]?.ToString() == actionId);
        if (found.Element is not null) return found;
        var available = buttons.Count == 0 ? "none" : string.Join(", ", buttons.Select(b => b.Element["action_id"]?.ToString()));
        throw new EmulatorActionException($"No button with action_id '{actionId}' in {where}. Buttons there: {available}.");
    }

    private JsonObject Team() => new() { ["id"] = TeamId, ["domain"] = Workspace.TeamDomain };
}
