using System.Buffers;
using System.Numerics;
using System.Text;

namespace SlackFeedbackBot.Spotlight;

/// <summary>
/// Every pattern of every bucket merged into one trie over word ids, minimized so that endings the patterns share are
/// kept once. A message is read once into ids, then the automaton is walked from each word: most words start no pattern and cost one array read, so the price of a
/// message depends on its length and on how much of it resembles a rule, not on how many rules there are.
/// "*" is an edge that takes any one word; "..." an edge that skips any words up to the end of the sentence.
/// </summary>
internal sealed class SpotlightAutomaton
{
    private const int NoNode = -1;
    private const int StackTokenLimit = 512;

    private readonly SpotlightVocabulary vocabulary;
    private readonly Node[] nodes;
    private readonly int[] rootChildren;
    private readonly bool rootHasWildcards;
    private readonly long[] transitionKeys;
    private readonly int[] transitionTargets;
    private readonly int transitionShift;
    private readonly int[] outcomes;

    private SpotlightAutomaton(SpotlightVocabulary vocabulary, Builder builder)
    {
        this.vocabulary = vocabulary;
        nodes = [.. builder.Nodes];
        rootHasWildcards = nodes[0].AnyWord != NoNode || nodes[0].AnyWords != NoNode;

        // Outcomes were collected as (node, outcome) pairs; sorted, each node's outcomes are one run of the flat array,
        // and a pattern that two phrases spell alike is one entry.
        var pairs = builder.Outcomes;
        pairs.Sort();
        var flat = new List<int>(pairs.Count);
        for (var i = 0; i < pairs.Count; i++)
        {
            var (node, outcome) = pairs[i];
            if (i > 0 && pairs[i - 1] == pairs[i])
            {
                continue;
            }

            if (nodes[node].OutcomeCount == 0)
            {
                nodes[node].OutcomeStart = flat.Count;
            }

            nodes[node].OutcomeCount++;
            flat.Add(outcome);
        }

        outcomes = [.. flat];

        rootChildren = new int[vocabulary.Count];
        Array.Fill(rootChildren, NoNode);

        // At most three quarters full, so a miss (most lookups) ends after a short run of probes.
        var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, builder.Transitions.Count * 4 / 3 + 1));
        transitionShift = 64 - BitOperations.Log2((uint)capacity);
        transitionKeys = new long[capacity];
        transitionTargets = new int[capacity];
        Array.Fill(transitionKeys, -1L);
        foreach (var (key, target) in builder.Transitions)
        {
            if ((int)(key >> 32) == 0)
            {
                rootChildren[(int)key] = target;
                continue;
            }

            var slot = Slot(key);
            while (transitionKeys[slot] != -1L)
            {
                slot = (slot + 1) & (capacity - 1);
            }

            transitionKeys[slot] = key;
            transitionTargets[slot] = target;
        }
    }

    /// <summary>States of the automaton, after the trie was minimized.</summary>
    public int NodeCount => nodes.Length;

    /// <summary>
    /// Builds the automaton. An outcome is a code: a rule index (>= 0) for a phrase, or ~bucketRank for a
    /// negative pattern that vetoes that bucket.
    /// </summary>
    public static SpotlightAutomaton Build(IReadOnlyList<(PatternStep[] Steps, int Outcome)> patterns)
    {
        var vocabulary = SpotlightVocabulary.Build(
            patterns.SelectMany(p => p.Steps).Where(s => s.Kind == PatternStepKind.Word).Select(s => s.Word!));
        var builder = new Builder();
        foreach (var (steps, outcome) in patterns)
        {
            builder.Add(steps, outcome, vocabulary);
        }

        builder.Minimize();
        return new SpotlightAutomaton(vocabulary, builder);
    }

    /// <summary>
    /// Reads the message and reports, per bucket rank, the smallest matching rule index in <paramref name="best"/>
    /// (int.MaxValue when none) and returns the mask of vetoed bucket ranks.
    /// </summary>
    public ulong Match(ReadOnlySpan<char> text, Span<int> best)
    {
        best.Fill(int.MaxValue);
        if (text.IsEmpty)
        {
            return 0;
        }

        // A word or a sentence end takes at least one character, so the text length bounds the token count.
        int[]? rented = null;
        var ids = text.Length <= StackTokenLimit
            ? stackalloc int[text.Length]
            : (rented = ArrayPool<int>.Shared.Rent(text.Length));
        try
        {
            var sink = new IdSink(vocabulary, ids);
            SpotlightTokenizer.Tokenize(text, ref sink);
            ReadOnlySpan<int> tokens = ids[..sink.Count];

            var state = new MatchState(best);
            for (var position = 0; position < tokens.Length; position++)
            {
                var first = rootChildren[tokens[position]];
                if (first != NoNode)
                {
                    Walk(first, tokens, position + 1, ref state);
                }

                if (rootHasWildcards)
                {
                    WalkWildcards(0, tokens, position, ref state);
                }
            }

            return state.Vetoed;
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<int>.Shared.Return(rented);
            }
        }
    }

    private void Walk(int node, scoped ReadOnlySpan<int> tokens, int position, ref MatchState state)
    {
        ref readonly var current = ref nodes[node];
        for (var o = 0; o < current.OutcomeCount; o++)
        {
            state.Record(outcomes[current.OutcomeStart + o]);
        }

        if (position < tokens.Length)
        {
            var id = tokens[position];
            if (id > SpotlightVocabulary.SentenceEnd)
            {
                var next = Transition(node, id);
                if (next != NoNode)
                {
                    Walk(next, tokens, position + 1, ref state);
                }
            }
        }

        WalkWildcards(node, tokens, position, ref state);
    }

    private void WalkWildcards(int node, scoped ReadOnlySpan<int> tokens, int position, ref MatchState state)
    {
        ref readonly var current = ref nodes[node];
        var inSentence = position < tokens.Length && tokens[position] != SpotlightVocabulary.SentenceEnd;
        if (current.AnyWord != NoNode && inSentence)
        {
            Walk(current.AnyWord, tokens, position + 1, ref state);
        }

        if (current.AnyWords != NoNode)
        {
            // "..." may take no word at all, then one more word at a time until the sentence ends.
            for (var p = position; ; p++)
            {
                Walk(current.AnyWords, tokens, p, ref state);
                if (p >= tokens.Length || tokens[p] == SpotlightVocabulary.SentenceEnd)
                {
                    break;
                }
            }
        }
    }

    private int Transition(int node, int wordId)
    {
        var key = ((long)node << 32) | (uint)wordId;
        var mask = transitionKeys.Length - 1;
        for (var slot = Slot(key); ; slot = (slot + 1) & mask)
        {
            var stored = transitionKeys[slot];
            if (stored == key)
            {
                return transitionTargets[slot];
            }

            if (stored == -1L)
            {
                return NoNode;
            }
        }
    }

    private int Slot(long key) => (int)(((ulong)key * 0x9E3779B97F4A7C15UL) >> transitionShift);

    private struct Node
    {
        public int AnyWord;
        public int AnyWords;
        public int OutcomeStart;
        public int OutcomeCount;
    }

    private ref struct MatchState(Span<int> best)
    {
        private readonly Span<int> best = best;

        public ulong Vetoed { get; private set; }

        public void Record(int outcome)
        {
            if (outcome < 0)
            {
                Vetoed |= 1UL << ~outcome;
                return;
            }

            var rank = outcome >> RuleIndex.RankShift;
            if (outcome < best[rank])
            {
                best[rank] = outcome;
            }
        }
    }

    private ref struct IdSink(SpotlightVocabulary vocabulary, Span<int> ids) : ISpotlightTokenSink
    {
        private readonly Span<int> ids = ids;

        public int Count { get; private set; }

        public void Word(scoped ReadOnlySpan<char> word)
        {
            var id = word.IsEmpty ? SpotlightVocabulary.Unknown : vocabulary.IdOf(word);
            if (Count > 0)
            {
                var merged = vocabulary.Merge(ids[Count - 1], id);
                if (merged != SpotlightVocabulary.Unknown)
                {
                    ids[Count - 1] = merged;
                    return;
                }
            }

            ids[Count++] = id;
        }

        public void SentenceEnd() => ids[Count++] = SpotlightVocabulary.SentenceEnd;
    }

    private sealed class Builder
    {
        public List<Node> Nodes { get; private set; } = [NewNode()];

        /// <summary>
        /// Most nodes end no pattern, so outcomes are (node, outcome) pairs rather than a list per node: the built-in
        /// rules make well over a hundred thousand nodes.
        /// </summary>
        public List<(int Node, int Outcome)> Outcomes { get; private set; } = [];

        public Dictionary<long, int> Transitions { get; private set; } = [];

        public void Add(PatternStep[] steps, int outcome, SpotlightVocabulary vocabulary)
        {
            var node = 0;
            foreach (var step in steps)
            {
                node = step.Kind switch
                {
                    PatternStepKind.Word => WordChild(node, vocabulary.IdOf(step.Word!)),
                    PatternStepKind.AnyWord => WildcardChild(node, anyWords: false),
                    _ => WildcardChild(node, anyWords: true),
                };
            }

            Outcomes.Add((node, outcome));
        }

        private int WordChild(int node, int wordId)
        {
            var key = ((long)node << 32) | (uint)wordId;
            if (!Transitions.TryGetValue(key, out var child))
            {
                child = NewChild();
                Transitions[key] = child;
            }

            return child;
        }

        private int WildcardChild(int node, bool anyWords)
        {
            var current = Nodes[node];
            var child = anyWords ? current.AnyWords : current.AnyWord;
            if (child != NoNode)
            {
                return child;
            }

            child = NewChild();
            if (anyWords)
            {
                current.AnyWords = child;
            }
            else
            {
                current.AnyWord = child;
            }

            Nodes[node] = current;
            return child;
        }

        private int NewChild()
        {
            Nodes.Add(NewNode());
            return Nodes.Count - 1;
        }

        /// <summary>
        /// Merges the nodes that end the same outcomes and lead by the same steps to the same nodes, from the leaves up.
        /// Alternatives expand into sequences that differ early and end alike ("(is|are) there (a|any) way to ..."),
        /// and a trie repeats each shared ending once per beginning. The walk still sees the same paths with the same
        /// outcomes, so matching is unchanged.
        /// </summary>
        public void Minimize()
        {
            var count = Nodes.Count;
            Outcomes.Sort();
            var outcomeStart = StartsByNode(count, Outcomes, o => o.Node);
            var edges = new List<(int Parent, int Word, int Child)>(Transitions.Count);
            foreach (var (key, child) in Transitions)
            {
                edges.Add(((int)(key >> 32), (int)key, child));
            }

            edges.Sort();
            var edgeStart = StartsByNode(count, edges, e => e.Parent);

            // Every child was created after its parent, so walking the ids down meets each node after its children.
            var canonical = new int[count];
            var bySignature = new Dictionary<string, int>(StringComparer.Ordinal);
            var signature = new StringBuilder();
            for (var n = count - 1; n >= 0; n--)
            {
                signature.Clear();
                for (var o = outcomeStart[n]; o < outcomeStart[n + 1]; o++)
                {
                    if (o == outcomeStart[n] || Outcomes[o] != Outcomes[o - 1])
                    {
                        signature.Append(Outcomes[o].Outcome).Append(',');
                    }
                }

                var node = Nodes[n];
                signature.Append('|').Append(Canonical(node.AnyWord)).Append('|').Append(Canonical(node.AnyWords)).Append('|');
                for (var e = edgeStart[n]; e < edgeStart[n + 1]; e++)
                {
                    signature.Append(edges[e].Word).Append(':').Append(canonical[edges[e].Child]).Append(',');
                }

                var key = signature.ToString();
                if (!bySignature.TryGetValue(key, out var same))
                {
                    same = n;
                    bySignature[key] = n;
                }

                canonical[n] = same;
            }

            // The nodes kept are numbered in their old order, so the root stays 0.
            var renumbered = new int[count];
            var nodes = new List<Node>();
            for (var n = 0; n < count; n++)
            {
                renumbered[n] = canonical[n] == n ? nodes.Count : renumbered[canonical[n]];
                if (canonical[n] == n)
                {
                    nodes.Add(NewNode());
                }
            }

            int Target(int child) => child == NoNode ? NoNode : renumbered[canonical[child]];
            var outcomes = new List<(int Node, int Outcome)>();
            var transitions = new Dictionary<long, int>();
            for (var n = 0; n < count; n++)
            {
                if (canonical[n] != n)
                {
                    continue;
                }

                var id = renumbered[n];
                nodes[id] = new Node { AnyWord = Target(Nodes[n].AnyWord), AnyWords = Target(Nodes[n].AnyWords) };
                for (var o = outcomeStart[n]; o < outcomeStart[n + 1]; o++)
                {
                    outcomes.Add((id, Outcomes[o].Outcome));
                }

                for (var e = edgeStart[n]; e < edgeStart[n + 1]; e++)
                {
                    transitions[((long)id << 32) | (uint)edges[e].Word] = Target(edges[e].Child);
                }
            }

            (Nodes, Outcomes, Transitions) = (nodes, outcomes, transitions);

            int Canonical(int child) => child == NoNode ? NoNode : canonical[child];
        }

        /// <summary>For items sorted by node: where each node's run starts, with one more entry for the end.</summary>
        private static int[] StartsByNode<T>(int nodeCount, List<T> sorted, Func<T, int> nodeOf)
        {
            var starts = new int[nodeCount + 1];
            foreach (var item in sorted)
            {
                starts[nodeOf(item) + 1]++;
            }

            for (var n = 0; n < nodeCount; n++)
            {
                starts[n + 1] += starts[n];
            }

            return starts;
        }

        private static Node NewNode() => new() { AnyWord = NoNode, AnyWords = NoNode };
    }
}

/// <summary>
/// A rule index carries its bucket rank in the high bits, so "smaller index" means "stronger bucket, then earlier
/// phrase" and the best match per bucket is a plain minimum.
/// </summary>
internal static class RuleIndex
{
    public const int RankShift = 20;

    public static int Of(int bucketRank, int phraseOrder) => (bucketRank << RankShift) | phraseOrder;
}
