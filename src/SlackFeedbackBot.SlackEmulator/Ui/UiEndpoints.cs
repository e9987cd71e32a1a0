using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SlackFeedbackBot.Emulator.Delivery;
using SlackFeedbackBot.Emulator.WebApi;
using SlackFeedbackBot.Emulator.Workspace;

namespace SlackFeedbackBot.Emulator.Ui;

/// <summary>
/// JSON endpoints for the web page under /ui/api: the workspace state, acting as a user (thin wrappers over the emulator's
/// public methods) and a Server-Sent Events stream of workspace changes.
/// </summary>
internal static class UiEndpoints
{
    public static void Map(IEndpointRouteBuilder app, SlackEmulator emu)
    {
        var ui = app.MapGroup("/ui/api");
        ui.MapGet("/state", () => Json(State(emu)));
        ui.MapPost("/message", (HttpRequest request) => Act(request, async (body, ct) =>
        {
            var user = Required(body, "userId");
            var channel = Required(body, "channelId");
            var text = body["text"]?.ToString() ?? "";
            if (text.StartsWith('/'))
            {
                var space = text.IndexOf(' ');
                var command = space < 0 ? text : text[..space];
                var args = space < 0 ? "" : text[(space + 1)..];
                return Delivery(await emu.SendSlashCommandAsync(user, channel, command, args, ct));
            }
            var posted = await emu.PostUserMessageAsync(user, channel, text, body["threadTs"]?.ToString(), ct);
            return new JsonObject { ["ts"] = posted.Ts, ["delivery"] = Delivery(posted.MessageDelivery), ["mention"] = Delivery(posted.MentionDelivery) };
        }));
        ui.MapPost("/reaction", (HttpRequest request) => Act(request, async (body, ct) =>
            Delivery(await emu.AddReactionAsync(Required(body, "userId"), Required(body, "channelId"), Required(body, "ts"), Required(body, "reaction"), ct))));
        ui.MapPost("/reaction-remove", (HttpRequest request) => Act(request, async (body, ct) =>
            Delivery(await emu.RemoveReactionAsync(Required(body, "userId"), Required(body, "channelId"), Required(body, "ts"), Required(body, "reaction"), ct))));
        ui.MapPost("/message-edit", (HttpRequest request) => Act(request, async (body, ct) =>
            Delivery(await emu.EditOwnMessageAsync(Required(body, "userId"), Required(body, "channelId"), Required(body, "ts"), body["text"]?.ToString() ?? "", ct))));
        ui.MapPost("/message-delete", (HttpRequest request) => Act(request, async (body, ct) =>
            Delivery(await emu.DeleteOwnMessageAsync(Required(body, "userId"), Required(body, "channelId"), Required(body, "ts"), ct))));
        ui.MapPost("/shortcut", (HttpRequest request) => Act(request, async (body, ct) =>
        {
            var user = Required(body, "userId");
            var callbackId = Required(body, "callbackId");
            return body["messageTs"] is null
                ? Delivery(await emu.SendGlobalShortcutAsync(user, callbackId, ct))
                : Delivery(await emu.SendMessageShortcutAsync(user, Required(body, "channelId"), Required(body, "messageTs"), callbackId, ct));
        }));
        ui.MapPost("/action", (HttpRequest request) => Act(request, async (body, ct) =>
        {
            var user = Required(body, "userId");
            var actionId = Required(body, "actionId");
            if (body["viewId"] is not null) return Delivery(await emu.ClickViewButtonAsync(user, Required(body, "viewId"), actionId, ct));
            var channel = Required(body, "channelId");
            var messageTs = Required(body, "messageTs");
            return body["selectedValue"] is not null
                ? Delivery(await emu.SelectOptionAsync(user, channel, messageTs, actionId, Required(body, "selectedValue"), ct))
                : Delivery(await emu.ClickButtonAsync(user, channel, messageTs, actionId, ct));
        }));
        ui.MapPost("/view-submit", (HttpRequest request) => Act(request, async (body, ct) =>
        {
            var values = (body["values"] as JsonObject ?? []).ToDictionary(
                block => block.Key,
                block => (block.Value as JsonObject ?? []).ToDictionary(a => a.Key, a => a.Value?.ToString() ?? ""));
            return Delivery(await emu.SubmitViewAsync(Required(body, "userId"), Required(body, "viewId"), values, ct));
        }));
        ui.MapPost("/view-close", (HttpRequest request) => Act(request, async (body, ct) =>
            Delivery(await emu.CloseViewAsync(Required(body, "userId"), Required(body, "viewId"), ct))));
        ui.MapPost("/dm", (HttpRequest request) => Act(request, (body, _) =>
        {
            var user = emu.Workspace.GetUser(Required(body, "userId")) is { IsBot: false } person
                ? person
                : throw new EmulatorActionException($"No person with id {body["userId"]}.");
            return Task.FromResult<JsonNode?>(new JsonObject { ["channelId"] = emu.Workspace.OpenDm(user.Id, emu.BotUserId).Id });
        }));
        ui.MapPost("/home-opened", (HttpRequest request) => Act(request, async (body, ct) =>
            Delivery(await emu.SendAppHomeOpenedAsync(Required(body, "userId"), ct))));
        ui.MapGet("/events", (CancellationToken ct) => TypedResults.ServerSentEvents(Changes(emu, ct)));
    }

    public const string FallbackPage = """
        <!doctype html><html><head><meta charset="utf-8"><title>Slack emulator</title></head>
        <body><h1>Slack emulator</h1>
        <p>Web API under <code>/api/{method}</code>, Socket Mode at the URL <code>apps.connections.open</code> returns.</p>
        <p>Workspace state: <a href="/ui/api/state">/ui/api/state</a>; live changes: <code>/ui/api/events</code> (Server-Sent Events).</p>
        </body></html>
        """;

    private static JsonObject State(SlackEmulator emu)
    {
        var ws = emu.Workspace;
        var now = emu.Time.GetUtcNow();
        return new JsonObject
        {
            ["team"] = new JsonObject { ["id"] = emu.TeamId, ["domain"] = ws.TeamDomain },
            ["bot"] = new JsonObject { ["userId"] = emu.BotUserId, ["botId"] = emu.BotId, ["appId"] = emu.AppId },
            ["sockets"] = emu.OpenSocketCount,
            ["httpDeliveryUrl"] = emu.HttpDeliveryUrl?.ToString(),
            ["welcome"] = emu.Options.Welcome,
            ["users"] = new JsonArray(ws.Users.Select(u => (JsonNode)SlackShapes.User(u, emu.TeamId, now)).ToArray()),
            ["channels"] = new JsonArray(ws.Channels.Select(c =>
            {
                var json = SlackShapes.Channel(c, emu.BotUserId);
                json["members"] = SlackShapes.Strings(c.Members);
                return (JsonNode)json;
            }).ToArray()),
            ["usergroups"] = new JsonArray(ws.UserGroups.Select(g => (JsonNode)SlackShapes.UserGroup(g, emu.TeamId, includeUsers: true)).ToArray()),
            ["messages"] = new JsonArray(ws.Messages.Select(m =>
            {
                var json = m.ToJson(emu.TeamId);
                json["channel"] = m.Channel;
                if (m.EphemeralFor is not null) json["ephemeral_for"] = m.EphemeralFor;
                return (JsonNode)json;
            }).ToArray()),
            ["views"] = new JsonArray(ws.Users.SelectMany(u => ws.ModalStack(u.Id).Select(v => (JsonNode)new JsonObject
            {
                ["user"] = u.Id, ["kind"] = "modal", ["view"] = v.View.DeepClone(),
            }).Concat(ws.HomeView(u.Id) is { } home ? [new JsonObject { ["user"] = u.Id, ["kind"] = "home", ["view"] = home.View.DeepClone() }] : [])).ToArray()),
        };
    }

    private static async IAsyncEnumerable<SseItem<string>> Changes(SlackEmulator emu, [EnumeratorCancellation] CancellationToken ct)
    {
        var queue = Channel.CreateBounded<WorkspaceChange>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });
        void OnChange(WorkspaceChange change) => queue.Writer.TryWrite(change);
        emu.Workspace.Changed += OnChange;
        try
        {
            yield return new SseItem<string>("{}", "hello");
            await foreach (var change in queue.Reader.ReadAllAsync(ct))
                yield return new SseItem<string>(change.Data.ToJsonString(), change.Kind);
        }
        finally
        {
            emu.Workspace.Changed -= OnChange;
        }
    }

    /// <summary>Runs a user action; a bad request (unknown user, missing field, no such button) answers 400 with the reason.</summary>
    private static async Task<IResult> Act(HttpRequest request, Func<JsonObject, CancellationToken, Task<JsonNode?>> action)
    {
        JsonObject body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) as JsonObject
                   ?? throw new EmulatorActionException("Send a JSON object.");
            return Json(await action(body, request.HttpContext.RequestAborted) ?? new JsonObject());
        }
        catch (Exception e) when (e is EmulatorActionException or JsonException)
        {
            return Results.Text(new JsonObject { ["error"] = e.Message }.ToJsonString(), "application/json", statusCode: 400);
        }
    }

    private static string Required(JsonObject body, string name) =>
        body[name]?.ToString() is { Length: > 0 } value ? value : throw new EmulatorActionException($"'{name}' is required.");

    private static JsonObject? Delivery(DeliveryResult? result) => result is null ? null : new JsonObject
    {
        ["acked"] = result.Acked,
        ["transport"] = result.Transport,
        ["ackPayload"] = result.AckPayload?.DeepClone(),
        ["httpStatus"] = result.HttpStatus,
        ["error"] = result.Error,
        ["ackError"] = result.AckError,
    };

    private static IResult Json(JsonNode node) => Results.Text(node.ToJsonString(), "application/json");
}
