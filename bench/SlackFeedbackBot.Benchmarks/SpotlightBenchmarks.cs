using System.Text;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Benchmarks;

/// <summary>
/// Classifies a batch of typical Slack feedback messages (60-150 characters) with the compiled Spotlight rules and
/// with a naive baseline that runs one Regex per rule, both over the same rules. RuleScale 10 adds nine more sets of
/// rules the size of the built-in ones: the compiled cost should stay flat while the naive one grows with the rules.
/// Each operation is one message, so messages per second = 1e9 / Mean(ns); on a busy machine Min is the fairer figure.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class SpotlightBenchmarks
{
    private static readonly string[] Messages =
    [
        "How do I integrate this with Trello? I tried the marketplace link and nothing happened at all.",
        "<@U024BE7LH> hey, can you guys integrate with Jira? asking for a prospect on the enterprise plan",
        "I’m probably not your target customer, but can I use this for my bakery’s weekly orders?",
        "The export has been failing since this morning with a 500 error, customers are noticing :rotating_light:",
        "Love the new dashboard, huge improvement for the whole support team! :tada: thanks everyone",
        "what do i do when the sync says pending for more than an hour, is something stuck on our side",
        "Do you support SAML SSO on the Team plan or is that only available on Enterprise?",
        "I'm sure I'm wrong about this, but I thought this was a CRM and not a help desk tool",
        "*URGENT* the mobile app crashes when opening attachments on Android 14, see <https://x.example/t/1|ticket>",
        "Not sure how to connect our Google Calendar, the button just spins and nothing else happens",
        "is there a way to schedule messages for later? our team is spread across three time zones",
        "Customer reports the CSV export cuts off at 1000 rows, they need the full list for their audit",
        "can u export to pdf? the board view is what our execs want to see every monday morning",
        "&gt; how do I get the report to include archived deals?\nasked by Acme on the renewal call",
        "Thanks for the quick fix yesterday, the team is happy and the renewal is going ahead",
        "Is this meant for developers? I'm in HR and the setup page is all YAML and API keys",
    ];

    private static readonly string[] ExtraWords = ["today", "please", "again", "now", "quickly", "really", "still", "also", "here"];

    private SpotlightClassifier compiled = null!;
    private NaiveRegexClassifier naive = null!;

    [Params(1, 10)]
    public int RuleScale { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new SpotlightOptions();
        for (var copy = 1; copy < RuleScale; copy++)
        {
            foreach (var bucket in SpotlightDefaults.CreateBuckets())
            {
                var word = ExtraWords[(copy - 1) % ExtraWords.Length];
                options.Buckets.Add(new SpotlightBucketOptions
                {
                    Id = $"{bucket.Id}_{copy}",
                    Phrases = [.. bucket.Phrases.Select(p => $"{p} {word}")],
                    NegativePatterns = [.. bucket.NegativePatterns.Select(p => $"{p} {word}")],
                });
            }
        }

        compiled = new SpotlightClassifier(options);
        naive = new NaiveRegexClassifier(SpotlightDefaults.CreateBuckets().Concat(options.Buckets));
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 16)]
    public int NaiveRegexPerRule()
    {
        var classified = 0;
        foreach (var message in Messages)
        {
            classified += naive.Classify(message).Length;
        }

        return classified;
    }

    [Benchmark(OperationsPerInvoke = 16)]
    public int CompiledTrie()
    {
        var classified = 0;
        foreach (var message in Messages)
        {
            classified += compiled.Classify(message).Bucket.Length;
        }

        return classified;
    }

    /// <summary>The straightforward design: for each bucket in order, one case-insensitive Regex per pattern.</summary>
    private sealed class NaiveRegexClassifier(IEnumerable<SpotlightBucketOptions> buckets)
    {
        private readonly (string Id, Regex[] Negatives, Regex[] Phrases)[] rules =
        [
            .. buckets.Select(b => (b.Id, b.NegativePatterns.Select(ToRegex).ToArray(), b.Phrases.Select(ToRegex).ToArray())),
        ];

        public string Classify(string text)
        {
            foreach (var (id, negatives, phrases) in rules)
            {
                if (negatives.Any(n => n.IsMatch(text)))
                {
                    continue;
                }

                foreach (var phrase in phrases)
                {
                    if (phrase.IsMatch(text))
                    {
                        return id;
                    }
                }
            }

            return SpotlightBuckets.Unclassified;
        }

        /// <summary>Translates the pattern syntax: words joined by \W+, groups as (?:a|b), * and ... as word runs.</summary>
        private static Regex ToRegex(string pattern)
        {
            var parts = new List<string>();
            var optionalPrefix = "";
            foreach (Match token in Regex.Matches(pattern, @"\([^)]*\)|\.\.\.|\*|[^\s()*.]+"))
            {
                var value = token.Value;
                if (value.StartsWith('('))
                {
                    var alternatives = value[1..^1].Split('|');
                    var choice = "(?:" + string.Join('|', alternatives.Where(a => a.Length > 0).Select(Words)) + ")";
                    if (alternatives.Any(a => a.Length == 0))
                    {
                        optionalPrefix += $"(?:{choice}\\W+)?";
                        continue;
                    }

                    parts.Add(optionalPrefix + choice);
                }
                else
                {
                    parts.Add(optionalPrefix + value switch
                    {
                        "*" => @"\w+",
                        "..." => @"[^.?!\n]*?",
                        _ => Words(value),
                    });
                }

                optionalPrefix = "";
            }

            var body = new StringBuilder(@"\b").AppendJoin(@"\W+", parts).Append(@"\b").ToString();
            return new Regex(body, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
        }

        private static string Words(string words) =>
            string.Join(@"\W+", words.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(w => Regex.Escape(w).Replace("'", "['’]", StringComparison.Ordinal)));
    }
}
