using System.Text.Json.Serialization;

namespace SlackFeedbackBot.Slack.BlockKit;

/// <summary>A <c>plain_text</c> or <c>mrkdwn</c> text object, never empty and never over its limit.</summary>
public sealed record TextObject : IContextElement
{
    private TextObject(string type, string text)
    {
        Type = type;
        Text = text;
    }

    [JsonPropertyOrder(-1)]
    public string Type { get; }

    public string Text { get; }

    public static TextObject Plain(string? text, int maxLength = SlackLimits.Text) =>
        new("plain_text", SlackLimits.Truncate(text, maxLength));

    public static TextObject Markdown(string? text, int maxLength = SlackLimits.Text) =>
        new("mrkdwn", SlackLimits.Truncate(text, maxLength));
}

/// <summary>What a context block may show: text objects and images.</summary>
[JsonDerivedType(typeof(TextObject))]
[JsonDerivedType(typeof(ImageElement))]
public interface IContextElement;
