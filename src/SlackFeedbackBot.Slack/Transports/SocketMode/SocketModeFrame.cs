using System.Text.Json;

namespace SlackFeedbackBot.Slack.Transports.SocketMode;

/// <summary>
/// The top level of one Socket Mode message: hello, disconnect, or an envelope whose payload is located
/// (not copied) so the parser can read it in place.
/// </summary>
internal readonly record struct SocketModeFrame(
    string? Type,
    string? EnvelopeId,
    string? Reason,
    int RetryAttempt,
    int PayloadStart,
    int PayloadLength,
    int? NumConnections = null)
{
    public bool HasPayload => PayloadLength > 0;

    /// <summary>
    /// Reads the top-level fields. Stops quietly at malformed JSON after the <c>type</c> was read: Slack's documented
    /// hello has a broken <c>debug_info</c>, and nothing after <c>type</c> matters for it.
    /// </summary>
    public static SocketModeFrame Read(ReadOnlySpan<byte> message)
    {
        string? type = null, envelopeId = null, reason = null;
        int retryAttempt = 0, payloadStart = 0, payloadLength = 0;
        int? numConnections = null;
        var reader = new Utf8JsonReader(message);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return default;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("type"u8))
                {
                    type = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("envelope_id"u8))
                {
                    envelopeId = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("reason"u8))
                {
                    reason = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("retry_attempt"u8))
                {
                    reader.Read();
                    retryAttempt = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var n) ? n : 0;
                }
                else if (reader.ValueTextEquals("num_connections"u8))
                {
                    reader.Read();
                    numConnections = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var count) ? count : null;
                }
                else if (reader.ValueTextEquals("payload"u8))
                {
                    reader.Read();
                    var start = (int)reader.TokenStartIndex;
                    reader.Skip();
                    payloadStart = start;
                    payloadLength = (int)reader.BytesConsumed - start;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException) when (type is not null && envelopeId is null)
        {
            // Good enough for hello and disconnect; an envelope must be whole.
        }
        catch (JsonException)
        {
            return default;
        }

        return new SocketModeFrame(type, envelopeId, reason, retryAttempt, payloadStart, payloadLength, numConnections);
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }
}
