using System.Text.Json;
using System.Text.Json.Serialization;

namespace SlackFeedbackBot.Slack.Inbound;

/// <summary>
/// Reads a field Slack sends either as an id string (<c>"channel":"C1"</c> in message events) or as an
/// object with an id (<c>"channel":{"id":"C1",...}</c> in channel_created and others).
/// </summary>
public sealed class IdOrObjectConverter : JsonConverter<string?>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartObject:
                using (var doc = JsonDocument.ParseValue(ref reader))
                {
                    return doc.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
                }

            default:
                reader.Skip();
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
