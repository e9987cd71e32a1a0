using System.Text.RegularExpressions;
using SlackFeedbackBot.Digests;

namespace SlackFeedbackBot.Feedback.Issues;

/// <summary>The key words of a piece of feedback: what it is about, as stems, each with the word a person wrote for it.</summary>
public sealed record IssueWords(IReadOnlyDictionary<string, string> Stems)
{
    public static IssueWords Empty { get; } = new(new Dictionary<string, string>());

    public int Count => Stems.Count;
}

/// <summary>
/// Reads feedback for the issue matcher: Slack markup (mentions, channels, links, emoji, code) and customer names are
/// left out, and so are the names of people and companies written in the text (a capitalised word next to a word that
/// introduces a name: "Sarah from Initech", "Globex's admins", "customer Umbrella"); what remains is lower-cased,
/// stop words dropped and stemmed with the digests' <see cref="LightStemmer"/>. Product names people write capitalised
/// ("a Trello power-up", "export to Excel") stay: they are often what the issue is about.
/// </summary>
public static partial class IssueText
{
    [GeneratedRegex(@"```.*?```|`[^`\n]*`", RegexOptions.Singleline)]
    private static partial Regex Code();

    [GeneratedRegex(@"<[^<>\n]*>")]
    private static partial Regex SlackToken();

    [GeneratedRegex(@"https?://\S+|www\.\S+")]
    private static partial Regex BareUrl();

    [GeneratedRegex(@":[a-z0-9_+\-']+:", RegexOptions.IgnoreCase)]
    private static partial Regex Emoji();

    // Words, with the punctuation between them kept apart so sentence ends can be seen.
    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’\-]*|[.!?;:\n]")]
    private static partial Regex Tokens();

    /// <summary>Words that say a capitalised word next to them is a person or a company.</summary>
    private static readonly HashSet<string> NameBefore = new(StringComparer.OrdinalIgnoreCase)
    {
        "at", "customer", "client", "prospect", "cc", "per", "told", "asked", "emailed", "pinged", "called", "spoke", "dear", "mr", "mrs", "ms", "dr",
    };

    private static readonly HashSet<string> NameAfter = new(StringComparer.OrdinalIgnoreCase)
    {
        "from", "at", "says", "said", "asks", "asked", "told", "tells", "wants", "wanted", "mentioned", "reported", "wrote", "writes",
        "thinks", "called", "emailed", "wonders", "wondered", "complained", "complains", "noticed",
    };

    // "from" introduces a company after a person ("Sarah from Initech") but a product after a move ("import from Trello").
    private static readonly HashSet<string> MoveVerbs = new(StringComparer.OrdinalIgnoreCase)
    {
        "import", "imports", "importing", "migrate", "migrating", "migrated", "move", "moving", "moved", "switch", "switching",
        "switched", "sync", "syncing", "export", "exporting", "pull", "pulling", "come", "coming", "came", "transfer", "upgrade",
    };

    /// <summary>Words that are in almost every support message and say nothing about which issue it is.</summary>
    private static readonly HashSet<string> SupportFiller = new(StringComparer.Ordinal)
    {
        "customer", "customers", "client", "clients", "user", "users", "asked", "ask", "asks", "asking", "says", "said", "told",
        "wonder", "wondering", "wonders", "wondered", "know", "knows", "possible", "help", "hi", "hello", "question", "issue",
        "problem", "feedback", "request", "requested", "mentioned", "reported", "call", "today", "yesterday", "week",
        "again", "think", "thinks", "feel", "feels", "seem", "seems", "would", "able", "there", "option", "work", "works", "working",
        "use", "using", "used", "make", "new", "anymore", "lot", "lots", "many", "also", "told", "tell", "tells", "telling", "wants",
        "look", "looks", "looking", "us", "our", "they", "them", "their", "via", "etc", "hey", "quick", "currently", "actually",
        "people", "person", "someone", "everyone", "colleague", "colleagues", "admin", "admins", "account", "accounts", "company",
        "trick", "find", "found", "thing", "stuff", "else", "weve", "ages", "took", "take", "time", "times", "keep", "keeps", "kept",
        "sure", "meant", "kind", "again", "same", "too", "yet", "still", "any", "already", "come", "comes",
    };

    /// <summary>One spelling for words people write several ways.</summary>
    private static readonly Dictionary<string, string> Spellings = new(StringComparer.Ordinal)
    {
        ["signin"] = "login", ["logon"] = "login", ["mail"] = "email",
        ["sso"] = "sso", ["saml"] = "sso",
        ["xlsx"] = "excel", ["spreadsheet"] = "excel", ["xls"] = "excel",
    };

    /// <summary>The key words of <paramref name="text"/>, leaving out <paramref name="customers"/> wherever they are named.</summary>
    public static IssueWords Read(string text, IEnumerable<string?>? customers = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var plain = Emoji().Replace(BareUrl().Replace(SlackToken().Replace(Code().Replace(text, " "), " "), " "), " ");
        var customerWords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var customer in customers ?? [])
        {
            if (!string.IsNullOrWhiteSpace(customer))
            {
                customerWords.UnionWith(FeedbackTextNormalizer.Words(customer));
            }
        }

        var tokens = Tokens().Matches(plain).Select(m => m.Value).ToList();
        var names = NameTokens(tokens);
        var stems = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (names.Contains(i) || !char.IsLetterOrDigit(tokens[i][0]))
            {
                continue;
            }

            foreach (var word in FeedbackTextNormalizer.Words(tokens[i]))
            {
                if (KeyStem(word, customerWords) is { } stem)
                {
                    stems.TryAdd(stem, word);
                }
            }
        }

        return new IssueWords(stems);
    }

    /// <summary>The stem a word counts as, or null when it says nothing about the issue.</summary>
    internal static string? KeyStem(string word, IReadOnlySet<string>? customerWords = null)
    {
        if (word.Length < 2 || word.All(char.IsDigit) || StopWords.English.Contains(word) || SupportFiller.Contains(word)
            || customerWords?.Contains(word) == true)
        {
            return null;
        }

        var stem = LightStemmer.Stem(word);
        if (Spellings.TryGetValue(stem, out var spelled))
        {
            stem = spelled;
        }

        return stem.Length < 2 || SupportFiller.Contains(stem) ? null : stem;
    }

    /// <summary>The positions of the tokens that name a person or a company.</summary>
    private static HashSet<int> NameTokens(IReadOnlyList<string> tokens)
    {
        var names = new HashSet<int>();
        bool Word(int i) => i >= 0 && i < tokens.Count && char.IsLetterOrDigit(tokens[i][0]);
        bool Capitalised(int i) => Word(i) && char.IsUpper(tokens[i][0]) && tokens[i].Skip(1).Any(char.IsLower) && tokens[i] != "I";

        for (var i = 0; i < tokens.Count; i++)
        {
            if (!Capitalised(i))
            {
                continue;
            }

            // A run of capitalised words is one name ("Sarah Jones", "Big Co").
            var end = i;
            while (Capitalised(end + 1))
            {
                end++;
            }

            var before = Word(i - 1) ? tokens[i - 1] : null;
            var after = Word(end + 1) ? tokens[end + 1] : null;
            var possessive = tokens[end].EndsWith("'s", StringComparison.OrdinalIgnoreCase) || tokens[end].EndsWith("’s", StringComparison.OrdinalIgnoreCase);
            var introducedBefore = before is not null && NameBefore.Contains(before)
                || (before is "from" && !(Word(i - 2) && MoveVerbs.Contains(tokens[i - 2])) && Word(i - 2) && Capitalised(i - 2));
            var introducedAfter = after is not null && NameAfter.Contains(after);
            if (possessive || introducedBefore || introducedAfter)
            {
                for (var n = i; n <= end; n++)
                {
                    names.Add(n);
                }
            }

            i = end;
        }

        return names;
    }
}
