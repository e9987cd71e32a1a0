using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using SlackFeedbackBot.Emulator.Delivery;
using SlackFeedbackBot.Emulator.WebApi;

namespace SlackFeedbackBot.Emulator.Recording;

/// <summary>
/// Writes the emulator's traffic to a JSONL file, one JSON object per line, flushed line by line:
/// <code>
/// {"kind":"api","time":T,"method":"chat.postMessage","args":{...},"response":{...},"http_status":200}
/// {"kind":"delivery","time":T,"delivery_id":D,"delivery_kind":"events_api"|"slash_command"|"interactive","transport":"socket_mode"|"http"|"none","retry_attempt":0,"envelope_id":E|null,"payload":{...}}
/// {"kind":"ack","time":T,"delivery_id":D|null,"delivery_kind":K,"payload_type":"view_submission"|...|null,"transport":"socket_mode"|"http","envelope_id":E|null,"status":"acked"|"not_acked"|"failed","http_status":200|null,"payload":{...}|null}
/// {"kind":"response_url","time":T,"url":U,"payload":{...}}
/// </code>
/// T is the emulator's clock in ISO 8601. Web API args are as received: form fields are strings (blocks and view as JSON
/// text), JSON bodies keep their types. Tokens are never written. Callers only queue a line; one background loop writes,
/// so recording never holds up the emulator.
/// </summary>
public sealed class TrafficRecorder : IAsyncDisposable
{
    /// <summary>A directory to record into, one new file per emulator, when no path is set.</summary>
    public const string DirectoryVariable = "SLACK_EMULATOR_RECORD_DIR";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly StreamWriter _file;
    private readonly ILogger _logger;
    private readonly Task _writing;

    public TrafficRecorder(string path, ILogger logger)
    {
        Path = System.IO.Path.GetFullPath(path);
        _logger = logger;
        if (System.IO.Path.GetDirectoryName(Path) is { Length: > 0 } directory) Directory.CreateDirectory(directory);
        _file = new StreamWriter(new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.Read), new UTF8Encoding(false));
        _writing = Task.Run(WriteLinesAsync);
    }

    public string Path { get; }

    /// <summary>The explicit path, else a fresh file in the directory named by <see cref="DirectoryVariable"/>, else none.</summary>
    public static string? ResolvePath(string? recordPath, string? recordDirectory)
    {
        if (!string.IsNullOrWhiteSpace(recordPath)) return recordPath;
        if (string.IsNullOrWhiteSpace(recordDirectory)) return null;
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return System.IO.Path.Combine(recordDirectory, $"emulator-{stamp}-{Guid.NewGuid().ToString("N")[..8]}.jsonl");
    }

    public void Api(ApiCall call) => Write("api", call.Time, w =>
    {
        w.WriteString("method", call.Method);
        Node(w, "args", call.Args);
        Node(w, "response", call.Response);
        w.WriteNumber("http_status", call.HttpStatus);
    });

    public void Delivery(DeliveryAttempt attempt) => Write("delivery", attempt.Time, w =>
    {
        w.WriteString("delivery_id", attempt.DeliveryId);
        w.WriteString("delivery_kind", KindName(attempt.Kind));
        w.WriteString("transport", attempt.Transport);
        w.WriteNumber("retry_attempt", attempt.RetryAttempt);
        w.WriteString("envelope_id", attempt.EnvelopeId);
        Node(w, "payload", attempt.Payload);
    });

    /// <param name="payload">What the app answered with: the Socket Mode ack's payload, or the HTTP response body parsed as JSON.</param>
    public void Ack(DateTimeOffset time, string? deliveryId, DeliveryKind kind, JsonObject? delivered, string transport, string? envelopeId, DeliveryStatus status, int? httpStatus, JsonNode? payload) =>
        Write("ack", time, w =>
        {
            w.WriteString("delivery_id", deliveryId);
            w.WriteString("delivery_kind", KindName(kind));
            w.WriteString("payload_type", kind == DeliveryKind.SlashCommand ? "slash_command" : delivered?["type"]?.ToString());
            w.WriteString("transport", transport);
            w.WriteString("envelope_id", envelopeId);
            w.WriteString("status", status switch
            {
                DeliveryStatus.Acked => "acked",
                DeliveryStatus.NotAcked => "not_acked",
                _ => "failed",
            });
            if (httpStatus is { } code) w.WriteNumber("http_status", code);
            else w.WriteNull("http_status");
            Node(w, "payload", payload);
        });

    public void ResponseUrl(ResponseUrlPost post) => Write("response_url", post.Time, w =>
    {
        w.WriteString("url", post.Url);
        Node(w, "payload", post.Payload);
    });

    public async ValueTask DisposeAsync()
    {
        _lines.Writer.TryComplete();
        await _writing;
        await _file.DisposeAsync();
    }

    private static string KindName(DeliveryKind kind) => kind switch
    {
        DeliveryKind.EventsApi => "events_api",
        DeliveryKind.SlashCommand => "slash_command",
        _ => "interactive",
    };

    private static void Node(Utf8JsonWriter w, string name, JsonNode? node)
    {
        w.WritePropertyName(name);
        if (node is null) w.WriteNullValue();
        else node.WriteTo(w);
    }

    // Serialized on the caller's thread so the line is a snapshot of the objects as they are now.
    private void Write(string kind, DateTimeOffset time, Action<Utf8JsonWriter> body)
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("kind", kind);
            w.WriteString("time", time.ToString("O", CultureInfo.InvariantCulture));
            body(w);
            w.WriteEndObject();
        }
        _lines.Writer.TryWrite(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    private async Task WriteLinesAsync()
    {
        var failed = false;
        await foreach (var line in _lines.Reader.ReadAllAsync())
        {
            if (failed) continue;
            try
            {
                await _file.WriteLineAsync(line);
                await _file.FlushAsync();
            }
            catch (IOException e)
            {
                // A full disk must not stop the emulator; the recording just ends here.
                failed = true;
                _logger.LogError("Recording to {Path} stopped: {Error}", Path, e.Message);
            }
        }
    }
}
