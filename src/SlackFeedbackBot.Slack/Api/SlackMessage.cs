using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SlackFeedbackBot.Slack.BlockKit;

namespace SlackFeedbackBot.Slack.Api;

/// <summary>
/// A message body: what chat.postMessage, chat.postEphemeral, chat.update, a response_url and a slash
/// command's ack all accept. <see cref="Text"/> is the notification fallback and is always set.
/// Build one with <see cref="MessageBuilder"/> to stay inside Slack's limits.
/// </summary>
public sealed record SlackMessage
{
    public string Text { get; init; } = "";
    public IReadOnlyList<Block>? Blocks { get; init; }

    /// <summary>For response_url and slash command replies: <c>ephemeral</c> (default) or <c>in_channel</c>.</summary>
    public string? ResponseType { get; init; }

    public bool? ReplaceOriginal { get; init; }
    public bool? DeleteOriginal { get; init; }
    public string? ThreadTs { get; init; }

    /// <summary>Message metadata (chat.postMessage's <c>metadata</c>): hidden from people, returned to apps that ask.</summary>
    public SlackMessageMetadata? Metadata { get; init; }

    [JsonIgnore]
    public bool IsEphemeral => ResponseType is null or "ephemeral";

    /// <summary>
    /// The answer turns the request down as written (never sent to Slack): whoever routed the request may add what
    /// the person typed, so nothing they typed is lost.
    /// </summary>
    [JsonIgnore]
    public bool IsRefusal { get; init; }

    public static SlackMessage Ephemeral(string text) => new() { Text = text, ResponseType = "ephemeral" };

    /// <summary>An ephemeral answer that refuses the request as written (<see cref="IsRefusal"/>).</summary>
    public static SlackMessage Refused(string text) => Ephemeral(text) with { IsRefusal = true };

    public static SlackMessage InChannel(string text) => new() { Text = text, ResponseType = "in_channel" };
}

/// <summary>Slack's message metadata: an <paramref name="EventType"/> of letters, digits and underscores, and a free-form payload.</summary>
public sealed record SlackMessageMetadata(string EventType, JsonObject EventPayload);
