using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Inbox;

namespace SlackFeedbackBot.Slack.Dispatch;

/// <summary>
/// The one place that routes a request to its handler, whichever transport brought it. Every request first passes
/// the middleware, in the order registered (built-in: log, catch, ignore self, authorize the workspace; then any the
/// host adds); what is left is routed by command, event type, callback id or action id, through dictionaries, with a
/// hint logged for requests nothing handles.
/// </summary>
public sealed class SlackDispatcher(
    SlackHandlerRegistry registry,
    IServiceScopeFactory scopes,
    IEnumerable<ISlackMiddleware> middleware,
    SlashCommandReplies replies,
    ILogger<SlackDispatcher> log)
{
    private readonly ISlackMiddleware[] _middleware = middleware.ToArray();
    private readonly ConcurrentDictionary<string, bool> _hinted = new();

    /// <summary>
    /// Runs the handler for one request. A reply meant for the ack is offered to <paramref name="ackSlot"/>.
    /// A handler's exception comes out of here, so the inbox can retry the request or park it.
    /// </summary>
    public async Task DispatchAsync(SlackInboundRequest request, AckSlot? ackSlot, CancellationToken ct)
    {
        var context = new SlackRequestContext(request, ackSlot, ct);
        try
        {
            await RunAsync(context, 0);
        }
        finally
        {
            ackSlot?.Close();
        }
    }

    private Task RunAsync(SlackRequestContext context, int step) =>
        step < _middleware.Length
            ? _middleware[step].InvokeAsync(context, () => RunAsync(context, step + 1))
            : RouteAsync(context);

    private Task RouteAsync(SlackRequestContext context)
    {
        switch (context.Kind)
        {
            case SlackRequestKind.Event:
                return DispatchEventAsync(context, Checked(Read<EventCallback>(context)));
            case SlackRequestKind.SlashCommand:
                return DispatchCommandAsync(context, Checked(Read<SlashCommand>(context)));
            case SlackRequestKind.MessageShortcut:
                return DispatchShortcutAsync<IMessageShortcutHandler>(context, registry.MessageShortcuts, (h, s) => h.HandleAsync(s, context.Cancellation));
            case SlackRequestKind.GlobalShortcut:
                return DispatchShortcutAsync<IGlobalShortcutHandler>(context, registry.GlobalShortcuts, (h, s) => h.HandleAsync(s, context.Cancellation));
            case SlackRequestKind.BlockActions:
                return DispatchBlockActionsAsync(context, Checked(Read<BlockActionsPayload>(context)));
            case SlackRequestKind.ViewSubmission:
                return DispatchViewSubmissionAsync(context, Checked(Read<ViewSubmissionPayload>(context)));
            default:
                Hint(context.Kind.ToString(), $"No handling for {context.Kind} requests; they are acknowledged and dropped.");
                context.Ignore($"no handling for {context.Kind}");
                return Task.CompletedTask;
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

    private async Task DispatchEventAsync(SlackRequestContext context, EventCallback callback)
    {
        var type = callback.Event.Type;
        if (!HasHandler(type))
        {
            context.Ignore("no handler");
            return;
        }

        var handlers = registry.Events[type];
        context.Handler = string.Join(",", handlers.Select(h => h.Name));
        foreach (var handlerType in handlers)
        {
            await using var scope = scopes.CreateAsyncScope();
            var handler = (IEventHandler)scope.ServiceProvider.GetRequiredService(handlerType);
            await handler.HandleAsync(callback, context.Cancellation);
        }
    }

    private async Task DispatchCommandAsync(SlackRequestContext context, SlashCommand command)
    {
        SlackMessage? reply;
        if (!registry.Commands.TryGetValue(command.Command, out var handlerType))
        {
            Hint("command:" + command.Command, $"No handler for the slash command '{command.Command}'. Register one with AddSlashCommand<T>(\"{command.Command}\").");
            context.Ignore("no handler");
            reply = SlackMessage.Ephemeral($"Sorry, I don't know the command {command.Command}.");
        }
        else
        {
            context.Handler = handlerType.Name;
            await using var scope = scopes.CreateAsyncScope();
            var handler = (ISlashCommandHandler)scope.ServiceProvider.GetRequiredService(handlerType);
            reply = await handler.HandleAsync(command, context.Cancellation);
        }

        if (reply is not null)
        {
            await replies.SendAsync(command, reply, context.AckSlot, context.Cancellation);
        }
    }

    private async Task DispatchShortcutAsync<THandler>(
        SlackRequestContext context,
        IReadOnlyDictionary<string, Type> handlers,
        Func<THandler, ShortcutPayload, Task> invoke)
        where THandler : class
    {
        var shortcut = Checked(Read<ShortcutPayload>(context));
        if (!handlers.TryGetValue(shortcut.CallbackId, out var handlerType))
        {
            Hint($"{context.Kind}:{shortcut.CallbackId}", $"No handler for the {context.Kind} with callback_id '{shortcut.CallbackId}'.");
            context.Ignore("no handler");
            return;
        }

        context.Handler = handlerType.Name;
        await using var scope = scopes.CreateAsyncScope();
        await invoke((THandler)scope.ServiceProvider.GetRequiredService(handlerType), shortcut);
    }

    private async Task DispatchBlockActionsAsync(SlackRequestContext context, BlockActionsPayload payload)
    {
        var handled = new List<string>();
        foreach (var action in payload.Actions)
        {
            if (!registry.BlockActions.TryGetValue(action.ActionId, out var handlerType))
            {
                Hint("action:" + action.ActionId, $"No handler for the block action '{action.ActionId}'. Register one with AddBlockAction<T>(\"{action.ActionId}\").");
                continue;
            }

            handled.Add(handlerType.Name);
            context.Handler = string.Join(",", handled);
            await using var scope = scopes.CreateAsyncScope();
            var handler = (IBlockActionHandler)scope.ServiceProvider.GetRequiredService(handlerType);
            await handler.HandleAsync(payload, action, context.Cancellation);
        }

        if (handled.Count == 0)
        {
            context.Ignore("no handler");
        }
    }

    private async Task DispatchViewSubmissionAsync(SlackRequestContext context, ViewSubmissionPayload submission)
    {
        var callbackId = submission.View.CallbackId ?? "";
        if (!registry.ViewSubmissions.TryGetValue(callbackId, out var handlerType))
        {
            Hint("view:" + callbackId, $"No handler for the view submission '{callbackId}'. Register one with AddViewSubmission<T>(\"{callbackId}\").");
            context.Ignore("no handler");
            return;
        }

        context.Handler = handlerType.Name;
        await using var scope = scopes.CreateAsyncScope();
        var handler = (IViewSubmissionHandler)scope.ServiceProvider.GetRequiredService(handlerType);
        var response = await handler.HandleAsync(submission, context.Cancellation);
        if (response is not null && !(context.AckSlot?.TryDeliver(SlackViewJson.SubmissionAck(response).ToJsonString(SlackJson.Options)) ?? false))
        {
            log.LogWarning("The answer to view submission '{CallbackId}' was ready after the ack went out; the modal was closed without it", callbackId);
        }
    }

    // A payload without what its handlers rely on is refused here, once, in words, rather than as a
    // NullReferenceException deep in a handler on each of its retries.
    private static EventCallback Checked(EventCallback callback) =>
        callback.Event is null ? throw new UnhandleableRequestException("The event_callback has no event object.") : callback;

    private static SlashCommand Checked(SlashCommand command) =>
        string.IsNullOrEmpty(command.Command) ? throw new UnhandleableRequestException("The slash command has no command.")
        : string.IsNullOrEmpty(command.UserId) ? throw new UnhandleableRequestException($"The slash command {command.Command} has no user_id.")
        : command with { Text = command.Text ?? "" };

    private static ShortcutPayload Checked(ShortcutPayload shortcut) =>
        string.IsNullOrEmpty(shortcut.User?.Id) ? throw new UnhandleableRequestException($"The shortcut '{shortcut.CallbackId}' has no user.") : shortcut;

    private static BlockActionsPayload Checked(BlockActionsPayload payload)
    {
        if (string.IsNullOrEmpty(payload.User?.Id))
        {
            throw new UnhandleableRequestException("The block_actions payload has no user.");
        }

        if (payload.Actions is null)
        {
            throw new UnhandleableRequestException("The block_actions payload has no actions.");
        }

        if (payload.Actions.Any(a => a is null || string.IsNullOrEmpty(a.ActionId)))
        {
            throw new UnhandleableRequestException("An action in the block_actions payload has no action_id.");
        }

        return payload;
    }

    private static ViewSubmissionPayload Checked(ViewSubmissionPayload submission) =>
        string.IsNullOrEmpty(submission.User?.Id) ? throw new UnhandleableRequestException("The view_submission has no user.")
        : submission.View is null ? throw new UnhandleableRequestException("The view_submission has no view.")
        : submission;

    private static T Read<T>(SlackRequestContext context) =>
        context.Payload.Deserialize<T>(SlackJson.Options) ?? throw new JsonException($"Empty JSON for {typeof(T).Name}");

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
