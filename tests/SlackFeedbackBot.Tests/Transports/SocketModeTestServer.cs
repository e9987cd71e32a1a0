using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SlackFeedbackBot.Tests.Transports;

/// <summary>
/// A small Socket Mode endpoint on loopback: says hello on every new socket, lets the test send messages on a
/// chosen socket, and keeps an ordered log of what happened (connect, hello, closed) to check sequences.
/// </summary>
internal sealed class SocketModeTestServer : IAsyncDisposable
{
    public const string Hello = """{"type":"hello","num_connections":1,"debug_info":{"host":"applink-test","build_number":54,"approximate_connection_time":18060},"connection_info":{"app_id":"A123456"}}""";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<int, ServerSocket> _sockets = new();
    private readonly ConcurrentQueue<string> _log = new();
    private int _connects;

    private SocketModeTestServer(WebApplication app) => _app = app;

    public Uri Url => new(_app.Urls.Single().Replace("http://", "ws://", StringComparison.Ordinal) + "/link/?ticket=test");

    public int Connects => Volatile.Read(ref _connects);

    /// <summary>Ordered entries such as "connect 1", "hello 1", "closed 1".</summary>
    public IReadOnlyList<string> Log => [.. _log];

    public static async Task<SocketModeTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new SocketModeTestServer(app);
        app.UseWebSockets();
        app.Map("/link", server.AcceptAsync);
        await app.StartAsync();
        return server;
    }

    /// <summary>The n-th socket (1-based) once it has connected.</summary>
    public async Task<ServerSocket> SocketAsync(int number)
    {
        await Eventually.UntilAsync(() => _sockets.ContainsKey(number), $"socket {number} connects");
        return _sockets[number];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var socket in _sockets.Values)
        {
            socket.Abort();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AcceptAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var webSocket = await context.WebSockets.AcceptWebSocketAsync();
        var number = Interlocked.Increment(ref _connects);
        _log.Enqueue($"connect {number}");
        var socket = new ServerSocket(number, webSocket, context, _log);
        _sockets[number] = socket;
        _log.Enqueue($"hello {number}");
        await socket.SendAsync(Hello);
        await socket.ReceiveUntilClosedAsync();
    }

    internal sealed class ServerSocket(int number, WebSocket webSocket, HttpContext context, ConcurrentQueue<string> log)
    {
        private readonly Channel<string> _received = Channel.CreateUnbounded<string>();
        private readonly SemaphoreSlim _sendLock = new(1, 1);
        private readonly TaskCompletionSource<WebSocketCloseStatus?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Number { get; } = number;

        /// <summary>Completes when the client closed the socket, with the close status it sent (null if it just vanished).</summary>
        public Task<WebSocketCloseStatus?> Closed => _closed.Task;

        public async Task SendAsync(string json)
        {
            await _sendLock.WaitAsync();
            try
            {
                await webSocket.SendAsync(Encoding.UTF8.GetBytes(json), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }
            finally
            {
                _sendLock.Release();
            }
        }

        /// <summary>Sends one message split over several frames, as Slack may.</summary>
        public async Task SendInPiecesAsync(string json, int pieceLength)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            await _sendLock.WaitAsync();
            try
            {
                for (var offset = 0; offset < bytes.Length; offset += pieceLength)
                {
                    var length = Math.Min(pieceLength, bytes.Length - offset);
                    var last = offset + length >= bytes.Length;
                    await webSocket.SendAsync(bytes.AsMemory(offset, length), WebSocketMessageType.Text, last, CancellationToken.None);
                }
            }
            finally
            {
                _sendLock.Release();
            }
        }

        /// <summary>The next text message the client sent on this socket.</summary>
        public Task<string> NextMessageAsync() => Eventually.Within(_received.Reader.ReadAsync().AsTask(), $"a message on socket {Number}");

        public bool TryTakeMessage(out string? message) => _received.Reader.TryRead(out message);

        /// <summary>Drops the TCP connection without a close handshake.</summary>
        public void Abort()
        {
            if (_closed.Task.IsCompleted)
            {
                return;
            }

            try
            {
                context.Abort();
            }
            catch (ObjectDisposedException)
            {
                // The request already ended: nothing left to drop.
            }
        }

        public async Task ReceiveUntilClosedAsync()
        {
            var buffer = new byte[64 * 1024];
            try
            {
                while (true)
                {
                    var length = 0;
                    ValueWebSocketReceiveResult result;
                    do
                    {
                        result = await webSocket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                        length += result.Count;
                    }
                    while (!result.EndOfMessage);

                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        log.Enqueue($"closed {Number}");
                        await webSocket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                        _closed.TrySetResult(webSocket.CloseStatus);
                        return;
                    }

                    _received.Writer.TryWrite(Encoding.UTF8.GetString(buffer, 0, length));
                }
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ConnectionAbortedException)
            {
                log.Enqueue($"lost {Number}");
                _closed.TrySetResult(null);
            }
        }
    }
}
