using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace SlackFeedbackBot.Slack.Inbound;

/// <summary>
/// Turns what either transport received into a <see cref="SlackInboundRequest"/>: an HTTP body (Events API JSON,
/// slash command form, interactivity form) or a Socket Mode envelope's payload. Both paths end in the same
/// classification, so a request looks the same whichever way it came.
/// </summary>
public static class SlackRequestParser
{
    public const string EventsApiEnvelope = "events_api";
    public const string SlashCommandsEnvelope = "slash_commands";
    public const string InteractiveEnvelope = "interactive";

    private static readonly Dictionary<string, SlackRequestKind> InteractionKinds = new(StringComparer.Ordinal)
    {
        ["block_actions"] = SlackRequestKind.BlockActions,
        ["shortcut"] = SlackRequestKind.GlobalShortcut,
        ["message_action"] = SlackRequestKind.MessageShortcut,
        ["view_submission"] = SlackRequestKind.ViewSubmission,
        ["view_closed"] = SlackRequestKind.ViewClosed,
        ["block_suggestion"] = SlackRequestKind.BlockSuggestion,
    };

    /// <summary>Classifies an HTTP POST body (already verified) by its content type.</summary>
    /// <param name="retryNum">The X-Slack-Retry-Num header (0 when absent).</param>
    public static SlackParseResult ParseHttp(string? contentType, ReadOnlySpan<byte> body, int retryNum, DateTimeOffset receivedAt)
    {
        if (HasMediaType(contentType, "application/x-www-form-urlencoded"))
        {
            return ParseForm(body, retryNum, receivedAt);
        }

        if (HasMediaType(contentType, "application/json") || StartsLikeJsonObject(body))
        {
            return ParseEventsJson(body, retryNum, receivedAt);
        }

        return SlackParseResult.Invalid($"unsupported content type '{contentType}'");
    }

    /// <summary>Classifies the payload of a Socket Mode envelope.</summary>
    /// <param name="envelopeType">The envelope's <c>type</c>: events_api, slash_commands or interactive.</param>
    /// <param name="payload">The envelope's <c>payload</c> object as raw JSON.</param>
    /// <param name="retryAttempt">The envelope's <c>retry_attempt</c>.</param>
    public static SlackParseResult ParseSocketPayload(string envelopeType, ReadOnlySpan<byte> payload, int retryAttempt, DateTimeOffset receivedAt)
    {
        try
        {
            return envelopeType switch
            {
                EventsApiEnvelope => ParseEventsJson(payload, retryAttempt, receivedAt),
                SlashCommandsEnvelope => ParseSocketSlashCommand(payload, retryAttempt, receivedAt),
                InteractiveEnvelope => ParseInteraction(payload, retryAttempt, receivedAt),
                _ => SlackParseResult.Invalid($"unknown envelope type '{envelopeType}'"),
            };
        }
        catch (JsonException)
        {
            return SlackParseResult.Invalid($"the {envelopeType} payload is not valid JSON");
        }
    }

    /// <summary>
    /// The Events API body, read in one pass over every token: the top-level <c>type</c>, <c>event_id</c> and
    /// <c>challenge</c> are picked up, the inner event's <c>type</c> must be a string, and the whole body must be one
    /// well-formed JSON object in valid UTF-8 with no lone surrogates. Anything else would fail later, after the ack, on
    /// every retry Slack makes.
    /// </summary>
    private static SlackParseResult ParseEventsJson(ReadOnlySpan<byte> json, int retryNum, DateTimeOffset receivedAt)
    {
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            return SlackParseResult.Invalid("the body is not valid UTF-8");
        }

        string? type = null, eventId = null, challenge = null;
        var eventTypeState = EventTypeState.Absent;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return SlackParseResult.Invalid("the body is not a JSON object");
            }

            var topLevel = TopLevelField.Other;
            var inEvent = false;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName when reader.CurrentDepth == 1:
                        RequireValidText(ref reader);
                        topLevel = TopLevelFieldOf(ref reader);
                        break;
                    case JsonTokenType.PropertyName when inEvent && reader.CurrentDepth == 2 && reader.ValueTextEquals("type"u8):
                        eventTypeState = EventTypeState.Expected;
                        break;
                    case JsonTokenType.PropertyName:
                        RequireValidText(ref reader);
                        break;
                    case JsonTokenType.StartObject when reader.CurrentDepth == 1:
                        inEvent = topLevel == TopLevelField.Event;
                        break;
                    case JsonTokenType.EndObject when reader.CurrentDepth == 1:
                        inEvent = false;
                        break;
                    case JsonTokenType.String:
                        RequireValidText(ref reader);
                        if (reader.CurrentDepth == 1)
                        {
                            switch (topLevel)
                            {
                                case TopLevelField.Type: type = reader.GetString(); break;
                                case TopLevelField.EventId: eventId = reader.GetString(); break;
                                case TopLevelField.Challenge: challenge = reader.GetString(); break;
                            }
                        }
                        else if (eventTypeState == EventTypeState.Expected && reader.CurrentDepth == 2)
                        {
                            eventTypeState = EventTypeState.String;
                        }

                        break;
                    default:
                        if (eventTypeState == EventTypeState.Expected && reader.CurrentDepth >= 2)
                        {
                            return SlackParseResult.Invalid("the event's type is not a string");
                        }

                        break;
                }

                if (reader.CurrentDepth == 1 && reader.TokenType != JsonTokenType.PropertyName && reader.TokenType != JsonTokenType.StartObject
                    && reader.TokenType != JsonTokenType.StartArray)
                {
                    topLevel = TopLevelField.Other;
                }
            }
        }
        catch (JsonException)
        {
            return SlackParseResult.Invalid("the body is not one valid JSON object");
        }
        catch (InvalidOperationException)
        {
            return SlackParseResult.Invalid("the body holds text that is not valid Unicode");
        }

        switch (type)
        {
            case "event_callback" when eventTypeState != EventTypeState.String:
                return SlackParseResult.Invalid("the event has no type");
            case "event_callback":
                var key = eventId is null ? FreshKey("ev") : "ev:" + eventId;
                return Accept(SlackRequestKind.Event, Encoding.UTF8.GetString(json), key, retryNum, receivedAt);
            case "url_verification" when challenge is not null:
                return SlackParseResult.UrlVerification(challenge);
            case "url_verification":
                return SlackParseResult.Invalid("url_verification without a challenge");
            case null:
                return SlackParseResult.Invalid("the JSON body has no type");
            default:
                // app_rate_limited and future envelope types: recorded so they are visible, but nothing routes them.
                return Accept(SlackRequestKind.Unknown, Encoding.UTF8.GetString(json), FreshKey(type), retryNum, receivedAt);
        }
    }

    private static SlackParseResult ParseForm(ReadOnlySpan<byte> body, int retryNum, DateTimeOffset receivedAt)
    {
        // Percent-escapes that decode to no UTF-8 are kept as written by the form reader, so only raw bytes can break the text.
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return SlackParseResult.Invalid("the form body is not valid UTF-8");
        }

        List<KeyValuePair<string, string>> fields;
        try
        {
            fields = ReadFormFields(Encoding.UTF8.GetString(body));
        }
        catch (InvalidDataException)
        {
            return SlackParseResult.Invalid("the form body exceeds the form limits");
        }


        if (FieldValue(fields, "ssl_check") == "1")
        {
            return SlackParseResult.SslCheck;
        }

        if (FieldValue(fields, "payload") is { } payload)
        {
            try
            {
                return ParseInteraction(Encoding.UTF8.GetBytes(payload), retryNum, receivedAt);
            }
            catch (JsonException)
            {
                return SlackParseResult.Invalid("the payload field is not valid JSON");
            }
        }

        if (FieldValue(fields, "command") is not null)
        {
            var json = WriteStringObject(fields);
            return Accept(SlackRequestKind.SlashCommand, json, SlashCommandKey(FieldValue(fields, "trigger_id")), retryNum, receivedAt);
        }

        return SlackParseResult.Invalid("the form has neither command nor payload");
    }

    /// <summary>
    /// Socket Mode sends the slash command's form fields as a JSON object. It is rewritten with every value as a string,
    /// the way the HTTP form arrives, so both transports hand on the same payload.
    /// </summary>
    private static SlackParseResult ParseSocketSlashCommand(ReadOnlySpan<byte> payload, int retryAttempt, DateTimeOffset receivedAt)
    {
        if (WellFormedProblem(payload) is { } problem)
        {
            return SlackParseResult.Invalid("the slash command payload " + problem);
        }

        var reader = new Utf8JsonReader(payload);
        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return SlackParseResult.Invalid("the slash command payload is not an object");
        }

        var fields = new List<KeyValuePair<string, string>>();
        foreach (var property in document.RootElement.EnumerateObject())
        {
            var value = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.Null => null,
                _ => property.Value.GetRawText(),
            };
            if (value is not null)
            {
                fields.Add(new(property.Name, value));
            }
        }

        if (FieldValue(fields, "command") is null)
        {
            return SlackParseResult.Invalid("the slash command payload has no command");
        }

        return Accept(SlackRequestKind.SlashCommand, WriteStringObject(fields), SlashCommandKey(FieldValue(fields, "trigger_id")), retryAttempt, receivedAt);
    }

    private static SlackParseResult ParseInteraction(ReadOnlySpan<byte> payload, int retryNum, DateTimeOffset receivedAt)
    {
        if (WellFormedProblem(payload) is { } problem)
        {
            return SlackParseResult.Invalid("the interaction payload " + problem);
        }

        var reader = new Utf8JsonReader(payload);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return SlackParseResult.Invalid("the interaction payload is not an object");
        }

        var type = StringProperty(root, "type");
        if (type is null)
        {
            return SlackParseResult.Invalid("the interaction payload has no type");
        }

        var kind = InteractionKinds.GetValueOrDefault(type, SlackRequestKind.Unknown);
        return Accept(kind, Encoding.UTF8.GetString(payload), InteractionKey(kind, type, root), retryNum, receivedAt);
    }

    /// <summary>
    /// The trigger id is unique per user gesture and repeated on a retry. Payloads without one fall back to the
    /// action's timestamp or the view id. Suggestions are never deduplicated: each keystroke asks afresh, with no id of its own.
    /// </summary>
    private static string InteractionKey(SlackRequestKind kind, string type, JsonElement root)
    {
        if (kind == SlackRequestKind.BlockSuggestion)
        {
            return FreshKey("ia");
        }

        if (StringProperty(root, "trigger_id") is { } triggerId)
        {
            return "ia:" + triggerId;
        }

        var actionTs = StringProperty(root, "action_ts") ?? FirstActionTs(root);
        if (actionTs is not null)
        {
            return $"ia:{type}:{actionTs}";
        }

        if (root.TryGetProperty("view", out var view) && view.ValueKind == JsonValueKind.Object && StringProperty(view, "id") is { } viewId)
        {
            return $"ia:{type}:{viewId}";
        }

        return FreshKey("ia");
    }

    private static string? FirstActionTs(JsonElement root)
    {
        if (root.TryGetProperty("actions", out var actions) && actions.ValueKind == JsonValueKind.Array)
        {
            foreach (var action in actions.EnumerateArray())
            {
                return action.ValueKind == JsonValueKind.Object ? StringProperty(action, "action_ts") : null;
            }
        }

        return null;
    }

    private static string SlashCommandKey(string? triggerId) =>
        string.IsNullOrEmpty(triggerId) ? FreshKey("cmd") : "cmd:" + triggerId;

    private static string FreshKey(string prefix) => $"{prefix}:{Guid.NewGuid():N}";

    private static SlackParseResult Accept(SlackRequestKind kind, string payloadJson, string dedupeKey, int retryNum, DateTimeOffset receivedAt) =>
        SlackParseResult.Accepted(new SlackInboundRequest(kind, payloadJson, dedupeKey, retryNum, receivedAt));

    private static List<KeyValuePair<string, string>> ReadFormFields(string form)
    {
        var fields = new List<KeyValuePair<string, string>>(16);
        using var reader = new FormReader(form);
        while (reader.ReadNextPair() is { } pair)
        {
            fields.Add(pair);
        }

        return fields;
    }

    private static string? FieldValue(List<KeyValuePair<string, string>> fields, string name)
    {
        foreach (var field in fields)
        {
            if (field.Key == name)
            {
                return field.Value;
            }
        }

        return null;
    }

    private static string WriteStringObject(List<KeyValuePair<string, string>> fields)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private enum TopLevelField { Other, Type, EventId, Challenge, Event }

    private enum EventTypeState { Absent, Expected, String }

    private static TopLevelField TopLevelFieldOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("type"u8) ? TopLevelField.Type
        : reader.ValueTextEquals("event_id"u8) ? TopLevelField.EventId
        : reader.ValueTextEquals("challenge"u8) ? TopLevelField.Challenge
        : reader.ValueTextEquals("event"u8) ? TopLevelField.Event
        : TopLevelField.Other;

    /// <summary>
    /// Unescaped text is valid once the body is valid UTF-8; an escaped one may still hold a lone surrogate (<c>\ud800</c>),
    /// which decoding refuses with InvalidOperationException. Decoded into a pooled buffer: this runs on every escaped string.
    /// </summary>
    private static void RequireValidText(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return;
        }

        var length = checked((int)(reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length));
        var buffer = ArrayPool<char>.Shared.Rent(length);
        try
        {
            reader.CopyString(buffer);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>The same checks for payloads read as a whole document (interactions, Socket Mode slash commands).</summary>
    private static string? WellFormedProblem(ReadOnlySpan<byte> json)
    {
        if (!System.Text.Unicode.Utf8.IsValid(json))
        {
            return "is not valid UTF-8";
        }

        var reader = new Utf8JsonReader(json);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    RequireValidText(ref reader);
                }
            }
        }
        catch (JsonException)
        {
            return "is not one valid JSON value";
        }
        catch (InvalidOperationException)
        {
            return "holds text that is not valid Unicode";
        }

        return null;
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool HasMediaType(string? contentType, string mediaType) =>
        contentType is not null && contentType.AsSpan().TrimStart().StartsWith(mediaType, StringComparison.OrdinalIgnoreCase);

    private static bool StartsLikeJsonObject(ReadOnlySpan<byte> body)
    {
        var trimmed = body.TrimStart(" \t\r\n"u8);
        return !trimmed.IsEmpty && trimmed[0] == (byte)'{';
    }
}
