using System.Globalization;
using System.Text.RegularExpressions;

namespace SlackFeedbackBot.Feedback;

/// <summary>Decides whether a message in a listening channel says something worth keeping: not an emoji, not a thank-you.</summary>
public static partial class PassiveMessageFilter
{
    public static bool IsWorthCapturing(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var words = Markup().Replace(text, " ");
        words = new string(words.Where(c => !IsEmojiOrSymbol(c)).ToArray());
        words = Spaces().Replace(words, " ").Trim();
        if (!words.Any(char.IsLetterOrDigit))
        {
            return false;
        }

        return !ThankYou().IsMatch(words);
    }

    private static bool IsEmojiOrSymbol(char c) =>
        char.IsSurrogate(c) || c is '\u200d' or '\ufe0f' || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.OtherSymbol or UnicodeCategory.ModifierSymbol;

    // :emoji:, <@U123>, <#C123|name>, <!here>
    [GeneratedRegex(@":[a-z0-9_+\-']+(?:::[a-z0-9_\-]+)?:|<[@#!][^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Markup();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(?:(?:many |big |huge )?thanks?(?: you)?|thank u|thx|thnx|ty|tysm|tyvm|cheers|much appreciated|appreciate it|merci|danke|gracias)(?: (?:so|very) much| a lot| a ton| all| everyone| team| again| guys| folks)*[\s!.,]*$", RegexOptions.IgnoreCase)]
    private static partial Regex ThankYou();
}
