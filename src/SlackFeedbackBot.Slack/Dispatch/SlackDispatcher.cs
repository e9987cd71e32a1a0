using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Inbox;

namespace SlackFeedbackBot.Slack.Dispatch;

/// <summary>
/// The one place that routes a request to its handler, whichever transport brought it: by command,
/// event type, callback id or action id, through dictionaries. It drops the bot's own messages and
/// requests from other workspaces, and logs a hint for requests nothing handles.
/// </summary>
public sealed class SlackDispatcher(
    SlackHandlerRegistry registry,
    IServiceScopeFactory scopes,
    SlackBotIdentity identity,
    ISlackApiClient api,
    IOptions<SlackOptions> options,
    ILogger<SlackDispatcher> log)
{
    private readonly ConcurrentDictionary<string, bool> _hinted = new();

    /// <summary>Runs the handler for one request. A reply meant for the ack is offered to <paramref name="ackSlot"/>.</summary>
    public async Task DispatchAsync(SlackInboundRequest request, AckSlot? ackSlot, CancellationToken ct)
    {
        try
        {
            switch (request.Kind)
            {
                case SlackRequestKind.Event:
                    await DispatchEventAsync(SlackJson.Deserialize<EventCallback>(request.PayloadJson), ct);
                    break;
                case SlackRequestKind.SlashCommand:
                    await DispatchCommandAsync(SlackJson.Deserialize<SlashCommand>(request.PayloadJson), ackSlot, ct);
                    break;
                case SlackRequestKind.MessageShortcut:
                    await DispatchShortcutAsync<IMessageShortcutHandler>(request, registry.MessageShortcuts, (h, s) => h.HandleAsync(s, ct), ct);
                    break;
                case SlackRequestKind.GlobalShortcut:
                    await DispatchShortcutAsync<IGlobalShortcutHandler>(request, registry.GlobalShortcuts, (h, s) => h.HandleAsync(s, ct), ct);
                    break;
                case SlackRequestKind.BlockActions:
                    await DispatchBlockActionsAsync(SlackJson.Deserialize<BlockActionsPayload>(request.PayloadJson), ct);
                    break;
                case SlackRequestKind.ViewSubmission:
                    await DispatchViewSubmissionAsync(SlackJson.Deserialize<ViewSubmissionPayload>(request.PayloadJson), ackSlot, ct);
                    break;
                default:
                    Hint(request.Kind.ToString(), $"No handling for {request.Kind} requests; they are acknowledged and dropped.");
                    break;
            }
        }
        finally
        {
            ackSlot?.Close();
        }
    }

    /// <summary>
    /// Reads an Events API payload once on its way in: whether any handler takes it (events nobody handles need no
    /// work after they are stored) and, for a new message, its second dedupe key.
    /// </summary>
    public EventTriage TriageEvent(string payloadJson)
    {
        using var doc = JsonDocument.Parse(payloadJson);
        if (!doc.RootElement.TryGetProperty("event", out var evt) || evt.ValueKind != JsonValueKind.Object)
        {
            return new EventTriage(false, null);
        }

        var type = evt.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
        return HasHandler(type) ? new EventTriage(true, MessageIdentity.SecondaryKey(evt)) : new EventTriage(false, null);
    }

    private bool HasHandler(string eventType)
    {
        if (registry.Events.TryGetValue(eventType, out var handlers) && handlers.Count > 0)
        {
            return true;
        }

        Hint("event:" + eventType, $"No handler for the event '{eventType}'. Register one with AddEventHandler<T>(\"{eventType}\") or unsubscribe from it.");
        return false;
    }

    private async Task DispatchEventAsync(EventCallback callback, CancellationToken ct)
    {
        var evt = callback.Event;
        if (!HasHandler(evt.Type))
        {
            return;
        }

        var handlers = registry.Events[evt.Type];

        var me = await identity.GetAsync(ct);
        if (IsOwn(evt, me))
        {
            return;
        }

        if (!IsOurTeam(callback.TeamId, me))
        {
            log.LogWarning("Ignored a {EventType} event from workspace {TeamId}, which this bot does not serve", evt.Type, callback.TeamId);
            return;
        }

        foreach (var handlerType in handlers)
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = (IEventHandler)scope.ServiceProvider.GetRequiredService(handlerType);
            await handler.HandleAsync(callback, ct);
        }
    }

    private async Task DispatchCommandAsync(SlashCommand command, AckSlot? ackSlot, CancellationToken ct)
    {
        SlackMessage? reply;
        var me = await identity.GetAsync(ct);
        if (!IsOurTeam(command.TeamId, me))
        {
            log.LogWarning("Refused {Command} from workspace {TeamId}, which this bot does not serve", command.Command, command.TeamId);
            reply = SlackMessage.Ephemeral("Sorry, this bot is installed for another workspace, so it can't take commands from this one.");
        }
        else if (!registry.Commands.TryGetValue(command.Command, out var handlerType))
        {
            Hint("command:" + command.Command, $"No handler for the slash command '{command.Command}'. Register one with AddSlashCommand<T>(\"{command.Command}\").");
            reply = SlackMessage.Ephemeral($"Sorry, I don't know the command {command.Command}.");
        }
        else
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = (ISlashCommandHandler)scope.ServiceProvider.GetRequiredService(handlerType);
            reply = await handler.HandleAsync(command, ct);
        }

        if (reply is null)
        {
            return;
        }

        var replyJson = SlackJson.Serialize(reply);
        if (ackSlot is not null && ackSlot.TryDeliver(replyJson))
        {
            return;
        }

        if (string.IsNullOrEmpty(command.ResponseUrl))
        {
            log.LogWarning("The reply to {Command} was ready after the ack and there is no response_url to send it to", command.Command);
            return;
        }

        await api.RespondAsync(command.ResponseUrl, reply, ct);
    }

    private async Task DispatchShortcutAsync<THandler>(
        SlackInboundRequest request,
        IReadOnlyDictionary<string, Type> handlers,
        Func<THandler, ShortcutPayload, Task> invoke,
        CancellationToken ct)
        where THandler : class
    {
        var shortcut = SlackJson.Deserialize<ShortcutPayload>(request.PayloadJson);
        if (!handlers.TryGetValue(shortcut.CallbackId, out var handlerType))
        {
            Hint($"{request.Kind}:{shortcut.CallbackId}", $"No handler for the {request.Kind} with callback_id '{shortcut.CallbackId}'.");
            return;
        }

        var me = await identity.GetAsync(ct);
        if (!IsOurTeam(shortcut.Team?.Id ?? shortcut.User.TeamId, me))
        {
            log.LogWarning("Ignored a shortcut from workspace {TeamId}, which this bot does not serve", shortcut.Team?.Id);
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        await invoke((THandler)scope.ServiceProvider.GetRequiredService(handlerType), shortcut);
    }

    private async Task DispatchBlockActionsAsync(BlockActionsPayload payload, CancellationToken ct)
    {
        var me = await identity.GetAsync(ct);
        if (!IsOurTeam(payload.Team?.Id ?? payload.User.TeamId, me))
        {
            log.LogWarning("Ignored a button click from workspace {TeamId}, which this bot does not serve", payload.Team?.Id);
            return;
        }

        foreach (var action in payload.Actions)
        {
            if (!registry.BlockActions.TryGetValue(action.ActionId, out var handlerType))
            {
                Hint("action:" + action.ActionId, $"No handler for the block action '{action.ActionId}'. Register one with AddBlockAction<T>(\"{action.ActionId}\").");
                continue;
            }

            await using var scope = scopes.CreateAsyncScope();
            var handler = (IBlockActionHandler)scope.ServiceProvider.GetRequiredService(handlerType);
            await handler.HandleAsync(payload, action, ct);
        }
    }

    private async Task DispatchViewSubmissionAsync(ViewSubmissionPayload submission, AckSlot? ackSlot, CancellationToken ct)
    {
        var callbackId = submission.View.CallbackId ?? "";
        if (!registry.ViewSubmissions.TryGetValue(callbackId, out var handlerType))
        {
            Hint("view:" + callbackId, $"No handler for the view submission '{callbackId}'. Register one with AddViewSubmission<T>(\"{callbackId}\").");
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var handler = (IViewSubmissionHandler)scope.ServiceProvider.GetRequiredService(handlerType);
        var response = await handler.HandleAsync(submission, ct);
        if (response is not null && !(ackSlot?.TryDeliver(SlackViewJson.SubmissionAck(response).ToJsonString(SlackJson.Options)) ?? false))
        {
            log.LogWarning("The answer to view submission '{CallbackId}' was ready after the ack went out; the modal was closed without it", callbackId);
        }
    }

    private static bool IsOwn(SlackEvent evt, AuthTestResponse me) =>
        (evt.BotId is not null && evt.BotId == me.BotId)
        || (evt.User is not null && evt.User == me.UserId && evt.Type is not ("member_joined_channel" or "member_left_channel"))
        || (evt.Message?.BotId is not null && evt.Message.BotId == me.BotId);

    private bool IsOurTeam(string? teamId, AuthTestResponse me)
    {
        if (string.IsNullOrEmpty(teamId))
        {
            return true;
        }

        var ours = string.IsNullOrEmpty(options.Value.TeamId) ? me.TeamId : options.Value.TeamId;
        return string.Equals(teamId, ours, StringComparison.Ordinal);
    }

    private void Hint(string key, string message)
    {
        if (_hinted.TryAdd(key, true))
        {
            log.LogInformation("{Hint}", message);
        }
    }
}

/// <summary>What the dispatcher makes of an event before it is stored.</summary>
public readonly record struct EventTriage(bool Wanted, string? SecondaryKey);
