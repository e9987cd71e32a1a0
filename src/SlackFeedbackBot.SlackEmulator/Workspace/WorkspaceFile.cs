using System.Text.Json;
using System.Text.Json.Nodes;

namespace SlackFeedbackBot.Emulator.Workspace;

/// <summary>
/// Keeps a workspace's channels and messages (with their reactions, threads and edits) in a JSON file, so a restart
/// finds the history where it was and links to messages keep working. Ephemeral messages are not kept: Slack forgets
/// them too. Writes are coalesced (at most one per <see cref="WriteDelay"/>) and go through a temporary file, so the
/// file on disk is always whole.
/// </summary>
public sealed class WorkspaceFile : IDisposable
{
    public static readonly TimeSpan WriteDelay = TimeSpan.FromMilliseconds(200);
    private const int Version = 1;

    private readonly SlackWorkspace _workspace;
    private readonly string _path;
    private readonly Lock _gate = new();
    private readonly Timer _timer;
    private bool _dirty;
    private bool _disposed;

    private WorkspaceFile(SlackWorkspace workspace, string path, Microsoft.Extensions.Logging.ILogger log)
    {
        _workspace = workspace;
        _path = Path.GetFullPath(path);
        _timer = new Timer(_ =>
        {
            try { Flush(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(log, "Could not save the workspace to {Path}: {Error}", _path, e.Message);
            }
        });
        _workspace.Changed += OnChanged;
    }

    /// <summary>Loads what <paramref name="path"/> holds into <paramref name="workspace"/>, then saves every later change there.</summary>
    public static WorkspaceFile Attach(SlackWorkspace workspace, string path, Microsoft.Extensions.Logging.ILogger log)
    {
        Load(workspace, path);
        return new WorkspaceFile(workspace, path, log);
    }

    public void Flush()
    {
        lock (_gate)
        {
            if (!_dirty) return;
            _dirty = false;
            var directory = Path.GetDirectoryName(_path);
            if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
            var temporary = _path + ".tmp";
            File.WriteAllText(temporary, Snapshot(_workspace).ToJsonString());
            File.Move(temporary, _path, overwrite: true);
        }
    }

    public void Dispose()
    {
        _workspace.Changed -= OnChanged;
        _timer.Dispose();
        lock (_gate) _disposed = true;
        try { Flush(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* the last change is lost; the timer's warning said why */ }
    }

    private void OnChanged(WorkspaceChange change)
    {
        if (change.Kind is not ("message" or "message_changed" or "message_deleted" or "reaction" or "channel")) return;
        lock (_gate)
        {
            if (_disposed) return;
            _dirty = true;
            _timer.Change(WriteDelay, Timeout.InfiniteTimeSpan);
        }
    }

    private static JsonObject Snapshot(SlackWorkspace workspace) => new()
    {
        ["version"] = Version,
        ["channels"] = new JsonArray(workspace.Channels.Select(c => (JsonNode)new JsonObject
        {
            ["id"] = c.Id,
            ["name"] = c.Name,
            ["is_private"] = c.IsPrivate,
            ["members"] = new JsonArray(c.Members.Select(m => (JsonNode)JsonValue.Create(m)).ToArray()),
            ["created"] = c.Created,
            ["im_user"] = c.ImUserId,
            ["topic"] = c.Topic,
        }).ToArray()),
        ["messages"] = new JsonArray(workspace.Messages.Where(m => m.EphemeralFor is null).Select(m => (JsonNode)new JsonObject
        {
            ["channel"] = m.Channel,
            ["ts"] = m.Ts,
            ["user"] = m.User,
            ["bot_id"] = m.BotId,
            ["text"] = m.Text,
            ["blocks"] = m.Blocks?.DeepClone(),
            ["thread_ts"] = m.ThreadTs,
            ["subtype"] = m.Subtype,
            ["files"] = m.Files?.DeepClone(),
            ["edited_ts"] = m.EditedTs,
            ["metadata"] = m.Metadata?.DeepClone(),
            ["reactions"] = new JsonArray(m.Reactions.Select(r => (JsonNode)new JsonObject
            {
                ["name"] = r.Name,
                ["users"] = new JsonArray(r.Users.Select(u => (JsonNode)JsonValue.Create(u)).ToArray()),
            }).ToArray()),
        }).ToArray()),
    };

    private static void Load(SlackWorkspace workspace, string path)
    {
        if (!File.Exists(path)) return;
        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The emulator's workspace file {path} cannot be read ({e.Message}); move it away to start with a fresh workspace.", e);
        }

        foreach (var c in (root["channels"] as JsonArray ?? []).OfType<JsonObject>())
        {
            workspace.RestoreChannel(new WorkspaceChannel(
                Text(c, "id")!, Text(c, "name")!, c["is_private"]?.GetValue<bool>() ?? false,
                (c["members"] as JsonArray ?? []).Select(m => m!.GetValue<string>()).ToList(),
                c["created"]?.GetValue<long>() ?? 0)
            {
                ImUserId = Text(c, "im_user"),
                Topic = Text(c, "topic") ?? "",
            });
        }

        foreach (var m in (root["messages"] as JsonArray ?? []).OfType<JsonObject>())
        {
            workspace.RestoreMessage(new StoredMessage(Text(m, "channel")!, Text(m, "ts")!, Text(m, "user"), Text(m, "bot_id"), Text(m, "text") ?? "")
            {
                Blocks = m["blocks"]?.DeepClone() as JsonArray,
                ThreadTs = Text(m, "thread_ts"),
                Subtype = Text(m, "subtype"),
                Files = m["files"]?.DeepClone() as JsonArray,
                EditedTs = Text(m, "edited_ts"),
                Metadata = m["metadata"]?.DeepClone() as JsonObject,
                Reactions = (m["reactions"] as JsonArray ?? []).OfType<JsonObject>()
                    .Select(r => new MessageReaction(Text(r, "name")!, (r["users"] as JsonArray ?? []).Select(u => u!.GetValue<string>()).ToList()))
                    .ToList(),
            });
        }
    }

    private static string? Text(JsonObject json, string name) => json[name]?.GetValue<string>();
}
