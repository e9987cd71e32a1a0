using System.Globalization;
using System.Text.RegularExpressions;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// Decides whether a message in a listening channel says something worth keeping. Left alone: emoji, thank-yous,
/// acknowledgements and chatter ("ok", "lol", "+1", "sounds good", "on it"), and short messages (under
/// <see cref="FewWords"/> words) that neither ask a question nor carry a customer signal ("customer", "broken", "wish" …).
/// Every captured message gets a public follow-up question in its thread, so a false keep is louder than a false skip.
/// </summary>
public static partial class PassiveMessageFilter
{
    /// <summary>A message this short is only kept with a question mark or a customer signal.</summary>
    public const int FewWords = 4;

    // Words that say a customer, a need or a problem is being talked about; a short message with one is kept.
    private static readonly HashSet<string> CustomerSignals = new(StringComparer.OrdinalIgnoreCase)
    {
        "customer", "customers", "client", "clients", "user", "users", "prospect", "prospects", "account", "accounts",
        "asked", "asking", "asks", "wants", "wanted", "wish", "wishes", "need", "needs", "needed", "request", "requests",
        "requested", "complain", "complains", "complained", "complaint", "complaints", "broken", "breaks", "bug", "bugs",
        "crash", "crashes", "crashed", "error", "errors", "fails", "failing", "failed", "slow", "missing", "confusing",
        "confused", "feature", "churn", "churned", "cancel", "cancelled", "canceled", "pricing", "price", "expensive",
        "renewal", "feedback", "blocker", "blocked", "outage", "down", "can't", "cannot", "cant", "doesn't", "won't",
    };

    public static bool IsWorthCapturing(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var words = Markup().Replace(text, " ");
        words = new string(words.Where(c => !IsEmojiOrSymbol(c)).ToArray());
        words = Spaces().Replace(words, " ").Trim();
        if (!words.Any(char.IsLetter) || ThankYou().IsMatch(words) || Chatter().IsMatch(words))
        {
            return false;
        }

        return words.Contains('?') || CountWords(words) >= FewWords || HasCustomerSignal(words);
    }

    private static int CountWords(string words) =>
        words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(word => word.Any(char.IsLetterOrDigit));

    private static bool HasCustomerSignal(string words) =>
        words.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => word.Trim('.', ',', '!', ';', ':', '"', '(', ')', '*', '_', '~').Replace('\u2019', '\''))
            .Any(CustomerSignals.Contains);

    private static bool IsEmojiOrSymbol(char c) =>
        char.IsSurrogate(c) || c is '\u200d' or '\ufe0f' || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.OtherSymbol or UnicodeCategory.ModifierSymbol;

    // :emoji:, <@U123>, <#C123|name>, <!here>
    [GeneratedRegex(@":[a-z0-9_+\-']+(?:::[a-z0-9_\-]+)?:|<[@#!][^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Markup();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^(?:(?:many |big |huge )?thanks?(?: you)?|thank u|thx|thnx|ty|tysm|tyvm|cheers|much appreciated|appreciate it|merci|danke|gracias)(?: (?:so|very) much| a lot| a ton| all| everyone| team| again| guys| folks)*[\s!.,]*$", RegexOptions.IgnoreCase)]
    private static partial Regex ThankYou();

    // Acknowledgements and chatter, alone or a few together ("ok, on it", "lol same"), whatever their punctuation.
    [GeneratedRegex(@"^(?:(?:ok(?:ay|ey)?|k+|kk|lol+|lmao|rofl|ha(?:ha)+|he(?:he)+|[+-]1|sounds (?:good|great)|on it|got it|will do|done|nice|cool|great|awesome|perfect|yep|yup|yes|yeah|no|nope|sure|agreed|same|me too|np|no worries|no problem|noted|ack|brb|wfm|lgtm|fine|ah|oh|hmm+|wow|omg|gotcha|roger)[\s!.,]*)+$", RegexOptions.IgnoreCase)]
    private static partial Regex Chatter();
}
