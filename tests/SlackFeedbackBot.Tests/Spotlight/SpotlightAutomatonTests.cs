using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Tests.Spotlight;

/// <summary>
/// The automaton against a plain reference matcher that tries every pattern at every word: random rule sets (groups,
/// optional words, "*" and "...", shared endings that minimizing merges) and random messages must give the same best
/// rule per bucket and the same vetoes.
/// </summary>
public sealed class SpotlightAutomatonTests
{
    private static readonly string[] Words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"];

    [TestCase(11)]
    [TestCase(23)]
    [TestCase(47)]
    public void RandomRulesAndMessages_MatchAsTheReferenceDoes(int seed)
    {
        var random = new Random(seed);
        var patterns = new List<(PatternStep[] Steps, int Outcome)>();
        for (var rule = 0; rule < 60; rule++)
        {
            var rank = random.Next(3);
            var outcome = random.Next(8) == 0 ? ~rank : RuleIndex.Of(rank, rule);
            Assert.That(SpotlightPattern.TryParse(RandomPattern(random), out var sequences, out var error), Is.True, error);
            patterns.AddRange(sequences.Select(steps => (steps, outcome)));
        }

        var automaton = SpotlightAutomaton.Build(patterns);
        for (var m = 0; m < 400; m++)
        {
            var message = RandomMessage(random);
            var best = new int[3];
            var vetoed = automaton.Match(message, best);
            var (expectedBest, expectedVetoed) = Reference(patterns, Tokens(message));
            Assert.That(best, Is.EqualTo(expectedBest), $"best rules for \"{message}\"");
            Assert.That(vetoed, Is.EqualTo(expectedVetoed), $"vetoes for \"{message}\"");
        }
    }

    [Test]
    public void PatternsThatEndAlike_ShareTheirEndingInTheAutomaton()
    {
        // As a trie: 1 + 3 + 6 + 24 states for the groups, then "way to export" once after each of the 24: 106 states.
        // Minimized, every alternative of a group leads to the same state: one state per step, 7 in all.
        Assert.That(SpotlightPattern.TryParse("(is|are|was) (there|here) (a|any|some|one) way to export", out var sequences, out _), Is.True);
        var automaton = SpotlightAutomaton.Build([.. sequences.Select(steps => (steps, RuleIndex.Of(0, 0)))]);

        Assert.That(automaton.NodeCount, Is.EqualTo(7), "one state per step: the groups and one shared ending");
        Assert.That(automaton.Match("Is there any way to export?", new int[1]), Is.Zero);
        var best = new int[1];
        automaton.Match("was here some way to export", best);
        Assert.That(best[0], Is.EqualTo(RuleIndex.Of(0, 0)));
        automaton.Match("was here some way to import", best);
        Assert.That(best[0], Is.EqualTo(int.MaxValue));
    }

    [Test]
    public void BuiltInRules_TakeAFractionOfTheNodesOfTheirTrie()
    {
        Assert.That(SpotlightRuleCompiler.TryCompile(new SpotlightOptions(), out var rules, out _), Is.True);
        var prefixes = new HashSet<string>(StringComparer.Ordinal) { "" };
        foreach (var pattern in SpotlightDefaults.CreateBuckets().SelectMany(b => b.Phrases.Concat(b.NegativePatterns)))
        {
            Assert.That(SpotlightPattern.TryParse(pattern, out var sequences, out _), Is.True, pattern);
            foreach (var steps in sequences)
            {
                for (var length = 1; length <= steps.Length; length++)
                {
                    prefixes.Add(string.Join(' ', steps.Take(length)));
                }
            }
        }

        TestContext.Out.WriteLine($"trie {prefixes.Count} nodes, automaton {rules!.Automaton.NodeCount}");
        Assert.That(rules!.Automaton.NodeCount, Is.LessThan(prefixes.Count / 20), "shared endings are kept once");
    }

    private static string RandomPattern(Random random)
    {
        var parts = new List<string>();
        var length = random.Next(1, 5);
        for (var i = 0; i < length; i++)
        {
            parts.Add(random.Next(10) switch
            {
                0 => "*",
                1 when i > 0 => "... " + Pick(random),
                2 or 3 => $"({Pick(random)}|{Pick(random)})",
                4 when i > 0 => $"({Pick(random)}|)",
                _ => Pick(random),
            });
        }

        // Shared endings, as real rules have: many patterns finish with the same two words.
        if (random.Next(2) == 0)
        {
            parts.Add("golf hotel");
        }

        // A pattern of wildcards alone is refused, as it would match every message.
        return parts.TrueForAll(p => p == "*") ? "alpha " + string.Join(' ', parts) : string.Join(' ', parts);
    }

    private static string RandomMessage(Random random)
    {
        var words = new List<string>();
        var length = random.Next(0, 12);
        for (var i = 0; i < length; i++)
        {
            words.Add(random.Next(12) switch
            {
                0 => "zulu",
                1 => ".",
                _ => Pick(random),
            });
        }

        return string.Join(' ', words);
    }

    private static string Pick(Random random) => Words[random.Next(Words.Length)];

    /// <summary>The message's words as the classifier reads them; null stands for a sentence end.</summary>
    private static List<string?> Tokens(string message)
    {
        var sink = new ListSink();
        SpotlightTokenizer.Tokenize(message.AsSpan(), ref sink);
        return sink.Tokens;
    }

    private static (int[] Best, ulong Vetoed) Reference(List<(PatternStep[] Steps, int Outcome)> patterns, List<string?> tokens)
    {
        var best = new[] { int.MaxValue, int.MaxValue, int.MaxValue };
        var vetoed = 0UL;
        foreach (var (steps, outcome) in patterns)
        {
            if (!Enumerable.Range(0, tokens.Count).Any(start => Matches(steps, 0, tokens, start)))
            {
                continue;
            }

            if (outcome < 0)
            {
                vetoed |= 1UL << ~outcome;
            }
            else
            {
                var rank = outcome >> RuleIndex.RankShift;
                best[rank] = Math.Min(best[rank], outcome);
            }
        }

        return (best, vetoed);
    }

    private static bool Matches(PatternStep[] steps, int step, List<string?> tokens, int position)
    {
        if (step == steps.Length)
        {
            return true;
        }

        var inSentence = position < tokens.Count && tokens[position] is not null;
        switch (steps[step].Kind)
        {
            case PatternStepKind.Word:
                return inSentence && tokens[position] == steps[step].Word && Matches(steps, step + 1, tokens, position + 1);
            case PatternStepKind.AnyWord:
                return inSentence && Matches(steps, step + 1, tokens, position + 1);
            default:
                for (var p = position; ; p++)
                {
                    if (Matches(steps, step + 1, tokens, p))
                    {
                        return true;
                    }

                    if (p >= tokens.Count || tokens[p] is null)
                    {
                        return false;
                    }
                }
        }
    }

    private struct ListSink() : ISpotlightTokenSink
    {
        public List<string?> Tokens { get; } = [];

        public void Word(scoped ReadOnlySpan<char> word) => Tokens.Add(word.ToString());

        public void SentenceEnd() => Tokens.Add(null);
    }
}
