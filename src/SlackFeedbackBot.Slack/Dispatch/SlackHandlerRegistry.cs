namespace SlackFeedbackBot.Slack.Dispatch;

/// <summary>Which handler type serves which command, event type, callback id or action id.</summary>
public sealed class SlackHandlerRegistry
{
    private readonly Dictionary<string, Type> _commands = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<Type>> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _messageShortcuts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _globalShortcuts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _blockActions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _viewSubmissions = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, Type> Commands => _commands;
    public IReadOnlyDictionary<string, List<Type>> Events => _events;
    public IReadOnlyDictionary<string, Type> MessageShortcuts => _messageShortcuts;
    public IReadOnlyDictionary<string, Type> GlobalShortcuts => _globalShortcuts;
    public IReadOnlyDictionary<string, Type> BlockActions => _blockActions;
    public IReadOnlyDictionary<string, Type> ViewSubmissions => _viewSubmissions;

    internal void AddCommand(string command, Type handler) => AddUnique(_commands, command, handler, "slash command");

    internal void AddEvent(string eventType, Type handler)
    {
        if (!_events.TryGetValue(eventType, out var list))
        {
            _events[eventType] = list = [];
        }

        list.Add(handler);
    }

    internal void AddMessageShortcut(string callbackId, Type handler) => AddUnique(_messageShortcuts, callbackId, handler, "message shortcut");

    internal void AddGlobalShortcut(string callbackId, Type handler) => AddUnique(_globalShortcuts, callbackId, handler, "global shortcut");

    internal void AddBlockAction(string actionId, Type handler) => AddUnique(_blockActions, actionId, handler, "block action");

    internal void AddViewSubmission(string callbackId, Type handler) => AddUnique(_viewSubmissions, callbackId, handler, "view submission");

    private static void AddUnique(Dictionary<string, Type> map, string key, Type handler, string what)
    {
        if (!map.TryAdd(key, handler))
        {
            throw new InvalidOperationException($"Two handlers for the {what} '{key}': {map[key].Name} and {handler.Name}.");
        }
    }
}
