using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SlackFeedbackBot.Emulator.Delivery;

/// <summary>An open Socket Mode connection as seen from the emulator.</summary>
public sealed record SocketInfo(string Id, DateTimeOffset ConnectedAt, bool Draining);

/// <summary>
/// The Socket Mode server: hands out single-use connection URLs, greets each socket with hello, sends envelopes
/// round-robin, matches acks to envelopes (only on the socket that got the envelope) and sends disconnect messages.
/// </summary>
public sealed class SocketModeHub(string appId, Func<Uri> baseUrl, TimeSpan disconnectGrace, ILogger logger) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<Connection> _open = [];
    private readonly ConcurrentDictionary<string, byte> _tickets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PendingAck> _pending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _changed = NewSignal();
    private int _nextIndex;
    private int _connectionCounter;

    public int OpenSocketCount { get { lock (_gate) return _open.Count; } }

    public IReadOnlyList<SocketInfo> OpenSockets
    {
        get { lock (_gate) return _open.Select(c => new SocketInfo(c.Id, c.ConnectedAt, c.Draining)).ToList(); }
    }

    /// <summary>Every disconnect message sent, as (socket id, reason).</summary>
    public ConcurrentQueue<(string SocketId, string Reason)> DisconnectsSent { get; } = new();

    /// <summary>What apps.connections.open answers: a ws:// URL with a single-use ticket.</summary>
    public string IssueConnectionUrl()
    {
        var ticket = Guid.NewGuid().ToString();
        _tickets[ticket] = 0;
        var ws = new UriBuilder(baseUrl()) { Scheme = "ws", Path = "socket-mode", Query = $"ticket={ticket}&app_id={appId}" };
        return ws.Uri.ToString();
    }

    public async Task AcceptAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsync("Socket Mode needs a WebSocket upgrade; get the URL from apps.connections.open.");
            return;
        }
        var ticket = http.Request.Query["ticket"].ToString();
        if (!_tickets.TryRemove(ticket, out _))
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await http.Response.WriteAsync("Unknown or already used ticket; call apps.connections.open for a fresh URL.");
            return;
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { KeepAliveInterval = TimeSpan.FromSeconds(5) });
        var connection = new Connection($"socket-{Interlocked.Increment(ref _connectionCounter)}", socket, DateTimeOffset.UtcNow);
        int count;
        lock (_gate)
        {
            _open.Add(connection);
            count = _open.Count;
        }
        try
        {
            await connection.SendAsync(new JsonObject
            {
                ["type"] = "hello",
                ["num_connections"] = count,
                ["debug_info"] = new JsonObject { ["host"] = "applink-emulator", ["build_number"] = 1, ["approximate_connection_time"] = 18060 },
                ["connection_info"] = new JsonObject { ["app_id"] = appId },
            }, _stopping.Token);
            Signal();
            await ReceiveLoopAsync(connection, _stopping.Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            logger.LogDebug("Socket {Socket} ended: {Message}", connection.Id, e.Message);
        }
        finally
        {
            lock (_gate) _open.Remove(connection);
            connection.Closed.TrySetResult();
            foreach (var (envelopeId, pending) in _pending)
            {
                if (pending.SocketId == connection.Id && _pending.TryRemove(envelopeId, out _)) pending.Done.TrySetResult(AckOutcome.SocketClosed);
            }
            Signal();
        }
    }

    /// <summary>Picks the next socket round-robin, avoiding draining sockets and (when possible) the one that just failed.</summary>
    internal string? Pick(string? avoidSocketId)
    {
        lock (_gate)
        {
            if (_open.Count == 0) return null;
            var candidates = _open.Where(c => !c.Draining && c.Id != avoidSocketId).ToList();
            if (candidates.Count == 0) candidates = _open.Where(c => !c.Draining).ToList();
            if (candidates.Count == 0) candidates = _open.ToList();
            return candidates[_nextIndex++ % candidates.Count].Id;
        }
    }

    /// <summary>Sends an envelope and waits for its ack on the same socket.</summary>
    internal async Task<AckOutcome> SendEnvelopeAsync(string socketId, string envelopeId, JsonObject envelope, TimeSpan ackTimeout, CancellationToken ct)
    {
        Connection? connection;
        lock (_gate) connection = _open.FirstOrDefault(c => c.Id == socketId);
        if (connection is null) return AckOutcome.SocketClosed;
        var pending = new PendingAck(socketId, new TaskCompletionSource<AckOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        _pending[envelopeId] = pending;
        try
        {
            await connection.SendAsync(envelope, ct);
            return await pending.Done.Task.WaitAsync(ackTimeout, ct);
        }
        catch (TimeoutException)
        {
            return AckOutcome.TimedOut;
        }
        catch (WebSocketException)
        {
            return AckOutcome.SocketClosed;
        }
        finally
        {
            _pending.TryRemove(envelopeId, out _);
        }
    }

    public async Task<bool> WaitForSocketsAsync(int count, TimeSpan timeout, CancellationToken ct = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_open.Count >= count) return true;
                changed = _changed.Task;
            }
            try { await changed.WaitAsync(deadline.Token); }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested) { return false; }
        }
    }

    /// <summary>
    /// Sends {"type":"disconnect","reason":...} to one socket (by index in <see cref="OpenSockets"/>) or all, stops choosing
    /// them for deliveries, and closes them after the grace period.
    /// </summary>
    public async Task SendDisconnectAsync(string reason, int? socketIndex, CancellationToken ct)
    {
        List<Connection> targets;
        lock (_gate)
        {
            if (socketIndex is { } index && (index < 0 || index >= _open.Count))
                throw new ArgumentOutOfRangeException(nameof(socketIndex), $"There are {_open.Count} open sockets.");
            targets = socketIndex is { } i ? [_open[i]] : _open.ToList();
            foreach (var target in targets) target.Draining = true;
        }
        var message = new JsonObject { ["type"] = "disconnect", ["reason"] = reason, ["debug_info"] = new JsonObject { ["host"] = "applink-emulator" } };
        foreach (var target in targets)
        {
            try { await target.SendAsync(message, ct); }
            catch (WebSocketException) { continue; }
            DisconnectsSent.Enqueue((target.Id, reason));
        }
        await Task.Delay(disconnectGrace, ct);
        await Task.WhenAll(targets.Select(t => t.CloseAsync("disconnect: " + reason)));
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        List<Connection> open;
        lock (_gate) open = _open.ToList();
        foreach (var connection in open) connection.Abort();
    }

    private async Task ReceiveLoopAsync(Connection connection, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (connection.Socket.State == WebSocketState.Open)
        {
            var received = await connection.Socket.ReceiveAsync(buffer, ct);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                if (connection.Socket.State == WebSocketState.CloseReceived)
                    await connection.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                return;
            }
            message.Write(buffer, 0, received.Count);
            if (!received.EndOfMessage) continue;
            var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            message.SetLength(0);
            HandleMessage(connection, text);
        }
    }

    private void HandleMessage(Connection connection, string text)
    {
        JsonObject? ack;
        try { ack = JsonNode.Parse(text) as JsonObject; }
        catch (JsonException) { ack = null; }
        var envelopeId = ack?["envelope_id"]?.ToString();
        if (envelopeId is null)
        {
            logger.LogWarning("Socket {Socket} sent something that is not an ack: {Text}", connection.Id, text.Length > 200 ? text[..200] : text);
            return;
        }
        // Slack only accepts the ack on the socket that carried the envelope.
        if (_pending.TryGetValue(envelopeId, out var pending) && pending.SocketId == connection.Id)
            pending.Done.TrySetResult(AckOutcome.AckedWith(ack!));
        else
            logger.LogWarning("Socket {Socket} acked unknown or foreign envelope {Envelope}", connection.Id, envelopeId);
    }

    private void Signal()
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            previous = _changed;
            _changed = NewSignal();
        }
        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed record PendingAck(string SocketId, TaskCompletionSource<AckOutcome> Done);

    private sealed class Connection(string id, WebSocket socket, DateTimeOffset connectedAt)
    {
        private readonly SemaphoreSlim _sendLock = new(1, 1);

        public string Id { get; } = id;
        public WebSocket Socket { get; } = socket;
        public DateTimeOffset ConnectedAt { get; } = connectedAt;
        public volatile bool Draining;
        public TaskCompletionSource Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task SendAsync(JsonObject message, CancellationToken ct)
        {
            var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
            await _sendLock.WaitAsync(ct);
            try { await Socket.SendAsync(bytes, WebSocketMessageType.Text, true, ct); }
            finally { _sendLock.Release(); }
        }

        public async Task CloseAsync(string description)
        {
            try
            {
                await _sendLock.WaitAsync();
                try
                {
                    if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                        await Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, description, CancellationToken.None);
                }
                finally { _sendLock.Release(); }
                await Closed.Task.WaitAsync(TimeSpan.FromSeconds(2));
            }
            catch (Exception e) when (e is WebSocketException or TimeoutException or ObjectDisposedException)
            {
                Abort();
            }
        }

        public void Abort() => Socket.Abort();
    }
}

internal sealed record AckOutcome(DeliveryStatus Status, JsonObject? Ack)
{
    public static readonly AckOutcome TimedOut = new(DeliveryStatus.NotAcked, null);
    public static readonly AckOutcome SocketClosed = new(DeliveryStatus.Failed, null);
    public static AckOutcome AckedWith(JsonObject ack) => new(DeliveryStatus.Acked, ack);
}
