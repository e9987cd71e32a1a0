using System.Text.Json.Nodes;

namespace SlackFeedbackBot.Emulator.Workspace;

/// <summary>
/// The emulated workspace: users, channels, messages, user groups, views and files. Every member is thread-safe;
/// entities are immutable records that are replaced on change, so callers can hold on to what they read.
/// </summary>
public sealed class SlackWorkspace
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, WorkspaceUser> _users = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkspaceChannel> _channels = new(StringComparer.Ordinal);
    private readonly List<StoredMessage> _messages = [];
    private readonly Dictionary<string, UserGroup> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredView> _views = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _modalStacks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _homeViews = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredFile> _files = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public SlackWorkspace(string teamId, string teamDomain, TimeProvider time)
    {
        TeamId = teamId;
        TeamDomain = teamDomain;
        _time = time;
        Ids = new SlackIds();
        Clock = new MessageClock(time);
    }

    public string TeamId { get; }
    public string TeamDomain { get; }
    public string TeamName => TeamDomain;
    public SlackIds Ids { get; }
    public MessageClock Clock { get; }

    /// <summary>Raised after every change, outside the lock.</summary>
    public event Action<WorkspaceChange>? Changed;

    public IReadOnlyList<WorkspaceUser> Users { get { lock (_gate) return _users.Values.OrderBy(u => u.Id, StringComparer.Ordinal).ToList(); } }
    public IReadOnlyList<WorkspaceChannel> Channels { get { lock (_gate) return _channels.Values.OrderBy(c => c.Id, StringComparer.Ordinal).ToList(); } }
    public IReadOnlyList<StoredMessage> Messages { get { lock (_gate) return _messages.ToList(); } }
    public IReadOnlyList<UserGroup> UserGroups { get { lock (_gate) return _groups.Values.ToList(); } }
    public IReadOnlyList<StoredView> Views { get { lock (_gate) return _views.Values.ToList(); } }
    public IReadOnlyList<StoredFile> Files { get { lock (_gate) return _files.Values.ToList(); } }

    public WorkspaceUser AddUser(string id, string name, string realName, string tz)
        => AddUser(new WorkspaceUser(id, name, realName, tz));

    public WorkspaceUser AddUser(WorkspaceUser user)
    {
        lock (_gate) _users[user.Id] = user;
        Raise("user", new JsonObject { ["id"] = user.Id });
        return user;
    }

    public WorkspaceChannel AddChannel(string id, string name, bool isPrivate, IEnumerable<string> members)
    {
        var channel = new WorkspaceChannel(id, name, isPrivate, members.Distinct().ToList(), _time.GetUtcNow().ToUnixTimeSeconds());
        lock (_gate) _channels[id] = channel;
        Raise("channel", new JsonObject { ["id"] = id });
        return channel;
    }

    /// <summary>Puts back a channel as it was saved (<see cref="WorkspaceFile"/>), over a seeded one with the same id.</summary>
    public void RestoreChannel(WorkspaceChannel channel)
    {
        lock (_gate) _channels[channel.Id] = channel;
    }

    /// <summary>Puts back a saved message, in ts order; later messages get a later ts.</summary>
    public void RestoreMessage(StoredMessage message)
    {
        lock (_gate)
        {
            var at = _messages.FindIndex(m => string.CompareOrdinal(m.Ts, message.Ts) > 0);
            _messages.Insert(at < 0 ? _messages.Count : at, message);
        }
        Clock.Observe(message.Ts);
    }

    public WorkspaceUser? GetUser(string id) { lock (_gate) return _users.GetValueOrDefault(id); }

    public WorkspaceChannel? GetChannel(string id) { lock (_gate) return _channels.GetValueOrDefault(id); }

    public WorkspaceChannel? FindChannelByName(string name)
    {
        var bare = name.TrimStart('#');
        lock (_gate) return _channels.Values.FirstOrDefault(c => c.Name == bare);
    }

    public void JoinChannel(string channelId, string userId) => UpdateChannel(channelId, c =>
        c.Members.Contains(userId) ? c : c with { Members = [.. c.Members, userId] });

    public WorkspaceChannel? UpdateChannel(string channelId, Func<WorkspaceChannel, WorkspaceChannel> change)
    {
        WorkspaceChannel? updated;
        lock (_gate)
        {
            if (!_channels.TryGetValue(channelId, out var current)) return null;
            updated = _channels[channelId] = change(current);
        }
        Raise("channel", new JsonObject { ["id"] = channelId });
        return updated;
    }

    /// <summary>Finds or creates the direct-message channel between the bot and <paramref name="userId"/>.</summary>
    public WorkspaceChannel OpenDm(string userId, string botUserId)
    {
        WorkspaceChannel dm;
        lock (_gate)
        {
            var existing = _channels.Values.FirstOrDefault(c => c.ImUserId == userId);
            if (existing is not null) return existing;
            dm = new WorkspaceChannel(Ids.Next('D'), userId, true, [userId, botUserId], _time.GetUtcNow().ToUnixTimeSeconds()) { ImUserId = userId };
            _channels[dm.Id] = dm;
        }
        Raise("channel", new JsonObject { ["id"] = dm.Id });
        return dm;
    }

    public StoredMessage AddMessage(StoredMessage message)
    {
        lock (_gate) _messages.Add(message);
        Raise("message", new JsonObject { ["channel"] = message.Channel, ["ts"] = message.Ts });
        return message;
    }

    public StoredMessage? FindMessage(string channel, string ts)
    {
        lock (_gate) return _messages.FirstOrDefault(m => m.Channel == channel && m.Ts == ts);
    }

    public StoredMessage? UpdateMessage(string channel, string ts, Func<StoredMessage, StoredMessage> change)
    {
        StoredMessage updated;
        lock (_gate)
        {
            var index = _messages.FindIndex(m => m.Channel == channel && m.Ts == ts);
            if (index < 0) return null;
            updated = _messages[index] = change(_messages[index]);
        }
        Raise("message_changed", new JsonObject { ["channel"] = channel, ["ts"] = ts });
        return updated;
    }

    public StoredMessage? DeleteMessage(string channel, string ts)
    {
        StoredMessage removed;
        lock (_gate)
        {
            var index = _messages.FindIndex(m => m.Channel == channel && m.Ts == ts);
            if (index < 0) return null;
            removed = _messages[index];
            _messages.RemoveAt(index);
        }
        Raise("message_deleted", new JsonObject { ["channel"] = channel, ["ts"] = ts });
        return removed;
    }

    /// <summary>Adds <paramref name="userId"/>'s reaction; false when that user already reacted with that emoji.</summary>
    public bool AddReaction(string channel, string ts, string reaction, string userId)
    {
        lock (_gate)
        {
            var index = _messages.FindIndex(m => m.Channel == channel && m.Ts == ts);
            if (index < 0) return false;
            var message = _messages[index];
            var existing = message.Reactions.FirstOrDefault(r => r.Name == reaction);
            if (existing is not null && existing.Users.Contains(userId)) return false;
            var reactions = message.Reactions.Where(r => r.Name != reaction).ToList();
            reactions.Add(new MessageReaction(reaction, [.. existing?.Users ?? [], userId]));
            _messages[index] = message with { Reactions = reactions };
        }
        Raise("reaction", new JsonObject { ["channel"] = channel, ["ts"] = ts, ["reaction"] = reaction, ["user"] = userId });
        return true;
    }

    /// <summary>Takes <paramref name="userId"/>'s reaction away; false when that user had not reacted with that emoji.</summary>
    public bool RemoveReaction(string channel, string ts, string reaction, string userId)
    {
        lock (_gate)
        {
            var index = _messages.FindIndex(m => m.Channel == channel && m.Ts == ts);
            if (index < 0) return false;
            var message = _messages[index];
            var existing = message.Reactions.FirstOrDefault(r => r.Name == reaction);
            if (existing is null || !existing.Users.Contains(userId)) return false;
            var others = existing.Users.Where(u => u != userId).ToList();
            _messages[index] = message with
            {
                Reactions = message.Reactions.Select(r => r.Name == reaction ? r with { Users = others } : r).Where(r => r.Users.Count > 0).ToList(),
            };
        }
        Raise("reaction", new JsonObject { ["channel"] = channel, ["ts"] = ts, ["reaction"] = reaction, ["user"] = userId, ["removed"] = true });
        return true;
    }

    public UserGroup AddUserGroup(string id, string handle, string name, IEnumerable<string> users)
    {
        var group = new UserGroup(id, handle, name, users.Distinct().ToList());
        lock (_gate) _groups[id] = group;
        Raise("usergroup", new JsonObject { ["id"] = id });
        return group;
    }

    public UserGroup? GetUserGroup(string id) { lock (_gate) return _groups.GetValueOrDefault(id); }

    public UserGroup? SetUserGroupUsers(string id, IEnumerable<string> users)
    {
        UserGroup updated;
        lock (_gate)
        {
            if (!_groups.TryGetValue(id, out var group)) return null;
            updated = _groups[id] = group with { Users = users.Distinct().ToList() };
        }
        Raise("usergroup", new JsonObject { ["id"] = id });
        return updated;
    }

    public StoredView? GetView(string id) { lock (_gate) return _views.GetValueOrDefault(id); }

    public StoredView? FindViewByExternalId(string externalId)
    {
        lock (_gate) return _views.Values.FirstOrDefault(v => v.View["external_id"]?.GetValue<string>() == externalId);
    }

    public void SaveView(StoredView view)
    {
        lock (_gate) _views[view.Id] = view;
        Raise("view", new JsonObject { ["id"] = view.Id, ["user"] = view.UserId, ["type"] = view.Type });
    }

    /// <summary>Puts a modal on top of the user's modal stack (views.open starts a new stack, views.push adds to it).</summary>
    public void PushModal(StoredView view, bool newStack)
    {
        lock (_gate)
        {
            _views[view.Id] = view;
            if (newStack || !_modalStacks.TryGetValue(view.UserId, out var stack)) _modalStacks[view.UserId] = stack = [];
            stack.Add(view.Id);
        }
        Raise("view", new JsonObject { ["id"] = view.Id, ["user"] = view.UserId, ["type"] = view.Type });
    }

    /// <summary>The modals a user currently has open, bottom first.</summary>
    public IReadOnlyList<StoredView> ModalStack(string userId)
    {
        lock (_gate)
            return _modalStacks.TryGetValue(userId, out var stack) ? stack.Select(id => _views[id]).ToList() : [];
    }

    public void CloseModal(string userId, string viewId, bool clearAll)
    {
        lock (_gate)
        {
            if (!_modalStacks.TryGetValue(userId, out var stack)) return;
            if (clearAll) stack.Clear();
            else stack.Remove(viewId);
        }
        Raise("view_closed", new JsonObject { ["id"] = viewId, ["user"] = userId });
    }

    public void PublishHome(StoredView view)
    {
        lock (_gate)
        {
            _views[view.Id] = view;
            _homeViews[view.UserId] = view.Id;
        }
        Raise("view", new JsonObject { ["id"] = view.Id, ["user"] = view.UserId, ["type"] = "home" });
    }

    public StoredView? HomeView(string userId)
    {
        lock (_gate) return _homeViews.TryGetValue(userId, out var id) ? _views[id] : null;
    }

    public void SaveFile(StoredFile file)
    {
        lock (_gate) _files[file.Id] = file;
    }

    public StoredFile? GetFile(string id) { lock (_gate) return _files.GetValueOrDefault(id); }

    private void Raise(string kind, JsonObject data) => Changed?.Invoke(new WorkspaceChange(kind, data));
}
