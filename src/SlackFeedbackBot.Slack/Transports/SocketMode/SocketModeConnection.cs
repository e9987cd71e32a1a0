using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Slack.Transports.SocketMode;

/// <summary>
/// One Socket Mode WebSocket: reads Slack's messages, hands each envelope to the sink and acks it on this same
/// socket. It reports hello and disconnect requests; deciding what to do about them is the client's job.
/// </summary>
internal sealed partial class SocketModeConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly ISlackInboundSink _sink;
    private readonly TimeProvider _time;
    private readonly SocketModeOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _disconnectRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _inFlightGate = new();
    private int _inFlight;
    private TaskCompletionSource? _drained;
    private Task _receiving = Task.CompletedTask;
    private volatile bool _closeSent;

    private SocketModeConnection(int id, ClientWebSocket socket, ISlackInboundSink sink, TimeProvider time, SocketModeOptions options, ILogger logger)
    {
        Id = id;
        _socket = socket;
        _sink = sink;
        _time = time;
        _options = options;
        _logger = logger;
    }

    public int Id { get; }

    /// <summary>Completes when Slack said hello on this socket.</summary>
    public Task Ready => _hello.Task;

    public bool IsReady => _hello.Task.IsCompleted && !Ended.IsCompleted;

    /// <summary>How many Socket Mode connections the app had when Slack said hello on this one (its num_connections), if said.</summary>
    public int? AppConnections { get; private set; }

    /// <summary>Completes with the reason when Slack asks this socket to go away.</summary>
    public Task<string> DisconnectRequested => _disconnectRequested.Task;

    /// <summary>Completes when the socket can no longer receive (closed, dropped, or failed).</summary>
    public Task Ended => _receiving;

    public static async Task<SocketModeConnection> ConnectAsync(
        int id, Uri url, ISlackInboundSink sink, TimeProvider time, SocketModeOptions options, ILogger logger, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = options.KeepAliveInterval;
        socket.Options.KeepAliveTimeout = options.KeepAliveTimeout;
        try
        {
            await socket.ConnectAsync(url, ct);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new SocketModeConnection(id, socket, sink, time, options, logger);
        connection._receiving = Task.Run(connection.ReceiveLoopAsync, CancellationToken.None);
        return connection;
    }

    /// <summary>Lets pending acks go out, then closes the socket with a normal close handshake.</summary>
    public async Task CloseAsync()
    {
        var deadline = Task.Delay(_options.CloseTimeout, _time);
        await Task.WhenAny(WaitForDrainAsync(), deadline);

        if (await TrySendCloseAsync())
        {
            await Task.WhenAny(_receiving, deadline);
        }

        await DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_lifetime.IsCancellationRequested)
        {
            await _lifetime.CancelAsync();
        }

        _socket.Abort();
        await _receiving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Dispose();
        _hello.TrySetCanceled();
        _disconnectRequested.TrySetCanceled();
    }

    private async Task ReceiveLoopAsync()
    {
        var ct = _lifetime.Token;
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        buffer = Grow(buffer, length);
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), ct);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    LogClosedByServer(_logger, Id, _socket.CloseStatus, _socket.CloseStatusDescription);
                    await TrySendCloseAsync();
                    return;
                }

                if (result.MessageType == WebSocketMessageType.Text)
                {
                    OnMessage(buffer.AsSpan(0, length));
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or InvalidDataException)
        {
            LogDropped(_logger, Id, ex.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private byte[] Grow(byte[] buffer, int length)
    {
        if (buffer.Length >= _options.MaxMessageBytes)
        {
            throw new InvalidDataException($"a message from Slack exceeded {_options.MaxMessageBytes} bytes");
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, _options.MaxMessageBytes));
        buffer.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }

    private void OnMessage(ReadOnlySpan<byte> message)
    {
        var frame = SocketModeFrame.Read(message);
        switch (frame.Type)
        {
            case "hello":
                AppConnections = frame.NumConnections;
                _hello.TrySetResult();
                return;
            case "disconnect":
                LogDisconnectRequested(_logger, Id, frame.Reason ?? "unknown");
                _disconnectRequested.TrySetResult(frame.Reason ?? "unknown");
                return;
        }

        if (_closeSent && frame.EnvelopeId is not null)
        {
            // Past the goodbye nothing can be acked on this socket: not recorded either, so the delivery Slack makes
            // elsewhere is a fresh request there, answered in its own ack.
            LogLeftAfterClose(_logger, Id, frame.EnvelopeId);
            return;
        }

        if (frame.EnvelopeId is null || frame.Type is null)
        {
            LogIgnoredMessage(_logger, Id, frame.Type ?? "no type");
            return;
        }

        var parsed = frame.HasPayload
            ? SlackRequestParser.ParseSocketPayload(frame.Type, message.Slice(frame.PayloadStart, frame.PayloadLength), frame.RetryAttempt, _time.GetUtcNow())
            : SlackParseResult.Invalid("the envelope has no payload");

        if (parsed.Outcome != SlackParseOutcome.Request)
        {
            // Acked all the same: Slack would only resend what cannot be understood.
            LogUnparseable(_logger, Id, frame.Type, parsed.Error ?? parsed.Outcome.ToString());
            Track(SendAckAsync(frame.EnvelopeId, SlackAck.Empty));
            return;
        }

        Track(AcceptAndAckAsync(frame.EnvelopeId, parsed.Request!));
    }

    private async Task AcceptAndAckAsync(string envelopeId, SlackInboundRequest request)
    {
        SlackAck ack;
        try
        {
            ack = await _sink.AcceptAsync(request, _lifetime.Token);
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            // Not recorded, so not acked: Slack delivers it again, maybe on another socket.
            LogSinkFailed(_logger, ex, request.Kind, request.DedupeKey);
            return;
        }

        await SendAckAsync(envelopeId, ack);
    }

    private async Task SendAckAsync(string envelopeId, SlackAck ack)
    {
        var message = AckMessage(envelopeId, ack);
        try
        {
            await _sendLock.WaitAsync(_lifetime.Token);
        }
        catch (OperationCanceledException)
        {
            LogAckLost(_logger, Id, envelopeId);
            return;
        }

        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                await _socket.SendAsync(message.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, _lifetime.Token);
            }
            else
            {
                LogAckLost(_logger, Id, envelopeId);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException)
        {
            LogAckLost(_logger, Id, envelopeId);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private static ArrayBufferWriter<byte> AckMessage(string envelopeId, SlackAck ack)
    {
        var buffer = new ArrayBufferWriter<byte>(64 + (ack.PayloadJson?.Length ?? 0));
        using var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartObject();
        writer.WriteString("envelope_id"u8, envelopeId);
        if (ack.PayloadJson is not null)
        {
            writer.WritePropertyName("payload"u8);
            writer.WriteRawValue(ack.PayloadJson);
        }

        writer.WriteEndObject();
        writer.Flush();
        return buffer;
    }

    /// <summary>Counts handlers still working so a close can wait for their acks.</summary>
    private void Track(Task handling)
    {
        lock (_inFlightGate)
        {
            _inFlight++;
        }

        handling.ContinueWith(
            static (_, state) => ((SocketModeConnection)state!).Untrack(),
            this,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private void Untrack()
    {
        TaskCompletionSource? drained = null;
        lock (_inFlightGate)
        {
            _inFlight--;
            if (_inFlight == 0)
            {
                drained = _drained;
                _drained = null;
            }
        }

        drained?.TrySetResult();
    }

    private Task WaitForDrainAsync()
    {
        lock (_inFlightGate)
        {
            if (_inFlight == 0)
            {
                return Task.CompletedTask;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task;
        }
    }

    private async Task<bool> TrySendCloseAsync()
    {
        await _sendLock.WaitAsync(CancellationToken.None);
        try
        {
            if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
            {
                return false;
            }

            _closeSent = true;
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, _lifetime.Token);
            return true;
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException)
        {
            return false;
        }
        finally
        {
            _sendLock.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Socket Mode connection {Id}: envelope {EnvelopeId} arrived after the goodbye; left unacked for another connection")]
    private static partial void LogLeftAfterClose(ILogger logger, int id, string envelopeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket Mode connection {Id}: Slack asked to disconnect ({Reason})")]
    private static partial void LogDisconnectRequested(ILogger logger, int id, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Socket Mode connection {Id} closed by Slack ({Status} {Description})")]
    private static partial void LogClosedByServer(ILogger logger, int id, WebSocketCloseStatus? status, string? description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode connection {Id} dropped: {Reason}")]
    private static partial void LogDropped(ILogger logger, int id, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Socket Mode connection {Id}: ignored a message of type {Type}")]
    private static partial void LogIgnoredMessage(ILogger logger, int id, string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode connection {Id}: acked an {Type} envelope that could not be understood: {Reason}")]
    private static partial void LogUnparseable(ILogger logger, int id, string type, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record a Slack {Kind} request ({DedupeKey}); left unacked so Slack retries")]
    private static partial void LogSinkFailed(ILogger logger, Exception exception, SlackRequestKind kind, string dedupeKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Socket Mode connection {Id}: the socket closed before the ack for envelope {EnvelopeId} went out; Slack will retry it")]
    private static partial void LogAckLost(ILogger logger, int id, string envelopeId);
}
