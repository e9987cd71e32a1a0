using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using SlackFeedbackBot.Emulator;

namespace SlackFeedbackBot.Tests.Emulator;

/// <summary>A plain HTTP client for the emulator's Web API, independent of the bot's Slack layer.</summary>
internal sealed class ApiClient(SlackEmulator emu) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = emu.ApiBaseUrl, Timeout = TimeSpan.FromSeconds(20) };

    public async Task<JsonObject> PostJsonAsync(string method, JsonObject args, string? token = null)
    {
        using var response = await SendJsonAsync(method, args, token);
        return await ReadAsync(response);
    }

    public async Task<HttpResponseMessage> SendJsonAsync(string method, JsonObject args, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = new StringContent(args.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? emu.BotToken);
        return await _http.SendAsync(request);
    }

    public async Task<JsonObject> PostFormAsync(string method, IDictionary<string, string> form, string? bearer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, method) { Content = new FormUrlEncodedContent(form) };
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        using var response = await _http.SendAsync(request);
        return await ReadAsync(response);
    }

    public async Task<JsonObject> GetAsync(string methodAndQuery, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, methodAndQuery);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? emu.BotToken);
        using var response = await _http.SendAsync(request);
        return await ReadAsync(response);
    }

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject ?? throw new AssertionException("Response was not a JSON object");

    public void Dispose() => _http.Dispose();
}

/// <summary>A minimal Socket Mode app: opens a connection the way Slack documents it and exposes what arrives.</summary>
internal sealed class SocketModeTestClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly Channel<JsonObject> _received = Channel.CreateUnbounded<JsonObject>();
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public TaskCompletionSource<WebSocketCloseStatus?> Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<SocketModeTestClient> ConnectAsync(SlackEmulator emu)
    {
        using var api = new ApiClient(emu);
        var opened = await api.PostFormAsync("apps.connections.open", new Dictionary<string, string>(), emu.AppToken);
        Assert.That(opened["ok"]?.GetValue<bool>(), Is.True, opened.ToJsonString());
        var client = new SocketModeTestClient();
        await client._socket.ConnectAsync(new Uri(opened["url"]!.ToString()), CancellationToken.None);
        client._loop = client.ReceiveLoopAsync();
        return client;
    }

    /// <summary>The next message matching <paramref name="match"/>; earlier non-matching ones are dropped.</summary>
    public async Task<JsonObject> NextAsync(Func<JsonObject, bool>? match = null, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var message = await _received.Reader.ReadAsync(cts.Token);
            if (match is null || match(message)) return message;
        }
    }

    public Task<JsonObject> NextEnvelopeAsync(TimeSpan? timeout = null) => NextAsync(m => m["envelope_id"] is not null, timeout);

    public bool TryTakeEnvelope(out JsonObject? envelope)
    {
        while (_received.Reader.TryRead(out var message))
        {
            if (message["envelope_id"] is null) continue;
            envelope = message;
            return true;
        }
        envelope = null;
        return false;
    }

    public Task AckAsync(JsonObject envelope, JsonObject? payload = null)
    {
        var ack = new JsonObject { ["envelope_id"] = envelope["envelope_id"]!.ToString() };
        if (payload is not null) ack["payload"] = payload;
        return _socket.SendAsync(Encoding.UTF8.GetBytes(ack.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    Closed.TrySetResult(result.CloseStatus);
                    return;
                }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage) continue;
                _received.Writer.TryWrite((JsonObject)JsonNode.Parse(Encoding.UTF8.GetString(message.ToArray()))!);
                message.SetLength(0);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            Closed.TrySetResult(null);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _socket.Abort();
        await _loop;
        _socket.Dispose();
        _stop.Dispose();
    }
}
