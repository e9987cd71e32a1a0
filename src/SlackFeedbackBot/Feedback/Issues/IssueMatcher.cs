using Microsoft.Extensions.Options;

namespace SlackFeedbackBot.Feedback.Issues;

/// <summary>"Looks like #12 (5 reports from 3 customers)": the issue a new item probably belongs to, and why.</summary>
public sealed record IssueOffer(long ItemId, long IssueId, IssueSize Size, double Score, IReadOnlyList<string> SharedWords);

/// <summary>Settings of the similar-item matcher (section <c>Feedback:Issues</c>).</summary>
public sealed class FeedbackIssueOptions
{
    /// <summary>The score (0–1, the IDF-weighted cosine of the key words) from which a capture offers the issue it looks like.</summary>
    public double MatchThreshold { get; set; } = IssueMatcher.DefaultThreshold;
}

/// <summary>
/// Finds the open issue a newly captured item most likely repeats: the full-text index finds candidates sharing any key word, then
/// <see cref="IssueScore"/> compares the item with every item of each candidate issue. Above the threshold it offers the
/// best one (recorded, so the owners' triage queue sees it until someone answers). It never merges: a person does.
/// </summary>
public sealed class IssueMatcher(IssueRepository issues, IOptions<FeedbackOptions> options, TimeProvider time)
{
    public const double DefaultThreshold = 0.4;

    private const int CandidateLimit = 20;

    public IssueOffer? FindFor(FeedbackItem item)
    {
        var customers = issues.KnownCustomers().Append(item.Customer).ToList();
        var words = IssueText.Read(item.Text, customers);
        if (words.Count < IssueScore.MinimumSharedWords)
        {
            return null;
        }

        var rarity = new DatabaseRarity(issues);
        IssueOffer? best = null;
        foreach (var root in issues.CandidateRoots(words.Stems.Keys, item.Id, CandidateLimit))
        {
            foreach (var member in issues.MemberTexts(root))
            {
                var similarity = IssueScore.Of(words, IssueText.Read(member.Text, customers.Append(member.Customer)), rarity);
                if (similarity.Score >= Threshold && (best is null || similarity.Score > best.Score))
                {
                    best = new IssueOffer(item.Id, root, null!, similarity.Score, similarity.SharedWords);
                }
            }
        }

        if (best is null)
        {
            return null;
        }

        issues.RecordOffer(item.Id, best.IssueId, best.Score, best.SharedWords, time.GetUtcNow());
        return best with { Size = issues.Size(best.IssueId) };
    }

    private double Threshold => options.Value.Issues.MatchThreshold;

    /// <summary>Rarity of a stem among all stored items (a stem finds every form of the word: "export" finds "exports"), asked of the full-text index once per stem per match.</summary>
    private sealed class DatabaseRarity(IssueRepository issues) : IWordRarity
    {
        private readonly Dictionary<string, double> _known = new(StringComparer.Ordinal);

        public double Idf(string stem)
        {
            if (!_known.TryGetValue(stem, out var idf))
            {
                var (withWord, total) = issues.DocumentFrequency(stem);
                _known[stem] = idf = Rarity.Idf(total, withWord);
            }

            return idf;
        }
    }
}
