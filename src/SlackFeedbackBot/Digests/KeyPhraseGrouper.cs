using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Digests;

/// <summary>
/// Groups feedback items that share their key terms: what is left once Slack markup, stop words, the bucket's own
/// trigger words ("how do i", "can you") and names (customers, people, @mentions) are gone. Grouping is greedy and
/// deterministic: items are taken oldest first, and each joins the group whose first item's terms overlap its own most,
/// by Jaccard ≥ 0.5; a title-case word only one side has counts as a name and is left out of that comparison.
/// </summary>
public sealed class KeyPhraseGrouper
{
    public const double SimilarityThreshold = 0.5;
    private const int MaxLabelTerms = 4;
    private const int FallbackLabelLength = 60;

    private readonly IReadOnlySet<string> _stopWords;

    public KeyPhraseGrouper(IEnumerable<string>? extraStopWords = null)
    {
        var stopWords = new HashSet<string>(StopWords.English, StringComparer.Ordinal);
        foreach (var word in extraStopWords ?? [])
        {
            stopWords.UnionWith(FeedbackTextNormalizer.Words(word));
        }
        _stopWords = stopWords;
    }

    /// <summary>The key words of <paramref name="text"/> in order, with their stems, stop words and
    /// <paramref name="excludedWords"/> removed.</summary>
    public IReadOnlyList<KeyTerm> KeyTerms(string text, IReadOnlySet<string> excludedWords) =>
        FeedbackTextNormalizer.Words(text)
            .Where(word => !_stopWords.Contains(word) && !excludedWords.Contains(word))
            .Where(word => word.Length > 1 || char.IsDigit(word[0]))
            .Select(word => new KeyTerm(word, LightStemmer.Stem(word)))
            .ToList();

    /// <param name="names">Names of customers and people: their words are left out, so "Acme asks for X" and "Globex asks
    /// for X" are one issue. The items' own customers are always left out too.</param>
    public IReadOnlyList<KeyPhraseGroup> Group(
        IEnumerable<DigestItem> items, IEnumerable<string> triggerPhrases, int quoteMaxLength = 200, IEnumerable<string>? names = null)
    {
        var list = items.ToList();
        var excluded = triggerPhrases.SelectMany(FeedbackTextNormalizer.Words).ToHashSet(StringComparer.Ordinal);
        var nameWords = list.SelectMany(item => item.Customers)
            .Concat(names ?? [])
            .SelectMany(FeedbackTextNormalizer.Words)
            .Where(word => !_stopWords.Contains(word))
            .ToHashSet(StringComparer.Ordinal);
        excluded.UnionWith(nameWords);
        var drafts = new List<Draft>();
        foreach (var item in list.OrderBy(item => item.CreatedAt).ThenBy(item => item.Id))
        {
            var member = new Member(item, KeyTerms(item.Text, excluded), FeedbackTextNormalizer.TitleCaseWords(item.Text));
            var home = member.Stems.Count == 0 ? null : BestDraftFor(member, drafts);
            if (home is null)
            {
                drafts.Add(new Draft(member));
            }
            else
            {
                home.Members.Add(member);
            }
        }

        return drafts
            .Select(draft => draft.ToGroup(quoteMaxLength))
            .OrderByDescending(group => group.ReportCount)
            .ThenBy(group => group.Label, StringComparer.Ordinal)
            .ThenBy(group => group.ItemIds[0])
            .ToList();
    }

    private static Draft? BestDraftFor(Member member, List<Draft> drafts)
    {
        Draft? best = null;
        var bestScore = 0.0;
        foreach (var draft in drafts)
        {
            var score = Similarity(member, draft.Seed);
            if (score >= SimilarityThreshold && score > bestScore)
            {
                best = draft;
                bestScore = score;
            }
        }
        return best;
    }

    // A title-case word only one side has is most likely a name ("Maria asked…", "…for Globex"): it neither joins nor
    // separates. Words both share count as usual, so "Trello" still ties two Trello questions together.
    private static double Similarity(Member member, Member seed)
    {
        var left = member.Stems.Where(stem => !member.NameStems.Contains(stem) || seed.Stems.Contains(stem)).ToHashSet(StringComparer.Ordinal);
        var right = seed.Stems.Where(stem => !seed.NameStems.Contains(stem) || member.Stems.Contains(stem)).ToHashSet(StringComparer.Ordinal);
        return Jaccard(left, right);
    }

    internal static double Jaccard(IReadOnlySet<string> left, IReadOnlySet<string> right)
    {
        if (left.Count == 0 || right.Count == 0)
        {
            return 0;
        }
        var shared = left.Count(right.Contains);
        return (double)shared / (left.Count + right.Count - shared);
    }

    public sealed record KeyTerm(string Word, string Stem);

    private sealed class Member(DigestItem item, IReadOnlyList<KeyTerm> terms, IReadOnlySet<string> titleCaseWords)
    {
        public DigestItem Item { get; } = item;
        public IReadOnlyList<KeyTerm> Terms { get; } = terms;
        public IReadOnlySet<string> Stems { get; } = terms.Select(term => term.Stem).ToHashSet(StringComparer.Ordinal);

        /// <summary>Stems of the words written like names.</summary>
        public IReadOnlySet<string> NameStems { get; } = terms.Where(term => titleCaseWords.Contains(term.Word))
            .Select(term => term.Stem).ToHashSet(StringComparer.Ordinal);
    }

    private sealed class Draft(Member seed)
    {
        public Member Seed { get; } = seed;
        public List<Member> Members { get; } = [seed];

        public KeyPhraseGroup ToGroup(int quoteMaxLength)
        {
            var representative = Members
                .OrderByDescending(member => Similarity(member, Seed))
                .ThenBy(member => member.Item.Text.Trim().Length)
                .ThenBy(member => member.Item.Id)
                .First();
            var terms = LabelTerms();
            var label = terms.Count > 0
                ? string.Join(' ', terms.Select(DisplayWord))
                : SlackText.Excerpt(FeedbackTextNormalizer.Normalize(Seed.Item.Text), FallbackLabelLength);
            return new KeyPhraseGroup(
                Label: label.Length > 0 ? label : $"item {Seed.Item.Id}",
                KeyTerms: terms,
                ReportCount: Members.Sum(member => member.Item.TotalReports),
                CustomerCount: Members.SelectMany(member => member.Item.Customers)
                    .Distinct(StringComparer.OrdinalIgnoreCase).Count(),
                RepresentativeQuote: SlackText.Excerpt(representative.Item.Text, quoteMaxLength),
                Permalink: representative.Item.Permalink ?? Members.Select(member => member.Item.Permalink)
                    .FirstOrDefault(link => link is not null),
                ItemIds: Members.Select(member => member.Item.Id).ToList())
            {
                Why = Members.OrderBy(member => member != representative).ThenBy(member => member.Item.Id)
                    .Select(member => member.Item.Why).FirstOrDefault(why => !string.IsNullOrWhiteSpace(why)) is { } why
                    ? SlackText.Excerpt(why.Trim(), quoteMaxLength)
                    : null,
            };
        }

        // Stems that most of the members mention, most frequent first, shown in the order people wrote them.
        private List<string> LabelTerms()
        {
            var firstSeen = new List<string>();
            var frequency = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var member in Members)
            {
                foreach (var stem in member.Stems)
                {
                    frequency[stem] = frequency.GetValueOrDefault(stem) + 1;
                }
                foreach (var term in member.Terms.Where(term => !firstSeen.Contains(term.Stem)))
                {
                    firstSeen.Add(term.Stem);
                }
            }
            var quorum = Members.Count / 2 + 1;
            var chosen = firstSeen
                .Where(stem => frequency[stem] >= quorum)
                .OrderByDescending(stem => frequency[stem])
                .ThenBy(firstSeen.IndexOf)
                .Take(MaxLabelTerms)
                .ToHashSet(StringComparer.Ordinal);
            return firstSeen.Where(chosen.Contains).ToList();
        }

        private string DisplayWord(string stem) =>
            Members.SelectMany(member => member.Terms)
                .Where(term => term.Stem == stem)
                .GroupBy(term => term.Word, StringComparer.Ordinal)
                .OrderByDescending(words => words.Count())
                .First().Key;
    }
}
