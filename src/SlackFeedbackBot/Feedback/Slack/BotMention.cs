using System.Text.RegularExpressions;

namespace SlackFeedbackBot.Feedback;

/// <summary>How a message addresses the bot: <c>&lt;@UBOT&gt;</c> (or <c>&lt;@UBOT|name&gt;</c>) anywhere in its text.</summary>
public static partial class BotMention
{
    public static bool Mentions(string? text, string botUserId) =>
        text is not null && Mention(botUserId).IsMatch(text);

    /// <summary>The text without the mention it starts with (and the space after it); other text as it is.</summary>
    public static string StripLeading(string? text, string botUserId)
    {
        var trimmed = (text ?? "").TrimStart();
        var match = Mention(botUserId).Match(trimmed);
        return match.Success && match.Index == 0 ? trimmed[match.Length..].TrimStart(' ', ',', ':', '\u00a0').Trim() : trimmed.Trim();
    }

    private static Regex Mention(string botUserId) => new($"<@{Regex.Escape(botUserId)}(?:\\|[^>]*)?>", RegexOptions.CultureInvariant);
}
