using System.Text.Json.Nodes;
using SlackFeedbackBot.Emulator.BlockKit;
using SlackFeedbackBot.Emulator.Workspace;
using static SlackFeedbackBot.Emulator.WebApi.SlackShapes;

namespace SlackFeedbackBot.Emulator.WebApi;

internal sealed partial class WebApiMethods
{
    private JsonObject OpenView(ApiArgs args)
    {
        var userId = ExchangeTrigger(args);
        var view = BuildView(args, "modal", userId, Workspace.Ids.Next('V'), rootViewId: null, previousViewId: null);
        Workspace.PushModal(view, newStack: true);
        return Ok(new JsonObject { ["view"] = view.View.DeepClone() });
    }

    private JsonObject PushView(ApiArgs args)
    {
        var userId = ExchangeTrigger(args);
        var stack = Workspace.ModalStack(userId);
        if (stack.Count == 0) throw new SlackApiError("not_found");
        if (stack.Count >= 3) throw new SlackApiError("push_limit_reached");
        var id = Workspace.Ids.Next('V');
        var view = BuildView(args, "modal", userId, id, rootViewId: stack[0].Id, previousViewId: stack[^1].Id);
        Workspace.PushModal(view, newStack: false);
        return Ok(new JsonObject { ["view"] = view.View.DeepClone() });
    }

    private JsonObject UpdateView(ApiArgs args)
    {
        var existing = (args.Str("view_id") is { Length: > 0 } viewId ? Workspace.GetView(viewId) : null)
            ?? (args.Str("external_id") is { Length: > 0 } externalId ? Workspace.FindViewByExternalId(externalId) : null)
            ?? throw new SlackApiError("not_found");
        var hash = args.Str("hash");
        if (!string.IsNullOrEmpty(hash) && hash != existing.Hash) throw new SlackApiError("hash_conflict");
        var view = BuildView(args, existing.Type, existing.UserId, existing.Id,
            existing.View["root_view_id"]?.ToString(), existing.View["previous_view_id"]?.ToString());
        Workspace.SaveView(view);
        return Ok(new JsonObject { ["view"] = view.View.DeepClone() });
    }

    private JsonObject PublishView(ApiArgs args)
    {
        var user = ResolveUser(args.Str("user_id"));
        var existing = Workspace.HomeView(user.Id);
        var hash = args.Str("hash");
        if (!string.IsNullOrEmpty(hash) && existing is not null && hash != existing.Hash) throw new SlackApiError("hash_conflict");
        var view = BuildView(args, "home", user.Id, existing?.Id ?? Workspace.Ids.Next('V'), rootViewId: null, previousViewId: null);
        Workspace.PublishHome(view);
        return Ok(new JsonObject { ["view"] = view.View.DeepClone() });
    }

    private string ExchangeTrigger(ApiArgs args)
    {
        var error = _emu.Triggers.Exchange(args.Str("trigger_id") ?? args.Str("interactivity_pointer"), out var userId);
        return error is null ? userId! : throw new SlackApiError(error);
    }

    /// <summary>The view as Slack returns it: the app's view plus id, hash, state, root/previous ids and app identity.</summary>
    private StoredView BuildView(ApiArgs args, string expectedType, string userId, string id, string? rootViewId, string? previousViewId)
    {
        if (args.Json("view", "invalid_arguments") is not JsonObject view) throw new SlackApiError("invalid_arguments");
        if (args.Values.ToJsonString().Length > 250_000) throw new SlackApiError("view_too_large");
        var reasons = BlockKitValidator.View(view, expectedType);
        if (reasons.Count > 0) throw BlockKitRefusal.InvalidView(reasons);
        var type = expectedType;
        var blocks = view["blocks"] as JsonArray ?? [];
        view["blocks"] = blocks;
        _emu.CompleteView(view, id, rootViewId, previousViewId);
        return new StoredView(id, type, userId, view);
    }
}
