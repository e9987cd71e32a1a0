using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace SlackFeedbackBot.Digests;

/// <summary>
/// Keyword rules that tag feedback with the product area (the team that owns that product), read from the
/// "ProductAreas" section:
/// <code>
/// "ProductAreas": {
///   "Areas": [
///     { "Id": "billing", "Phrases": [ "invoice", "credit card", "refund" ] },
///     { "Id": "integrations", "Phrases": [ "trello", "jira", "zapier" ] }
///   ]
/// }
/// </code>
/// </summary>
public sealed class ProductAreaOptions
{
    public const string SectionName = "ProductAreas";

    /// <summary>Tried in order; the first area with a matching phrase wins.</summary>
    public List<ProductAreaRule> Areas { get; set; } = [];
}

public sealed class ProductAreaRule
{
    public string Id { get; set; } = "";
    public List<string> Phrases { get; set; } = [];

    /// <summary>User ids of the people who own the area: they may resolve, reopen and reclassify its feedback.</summary>
    public List<string> Owners { get; set; } = [];
}

/// <summary>Finds an item's product area: the first rule with a phrase present as whole words, ignoring case,
/// Slack markup and punctuation; null when none matches.</summary>
public sealed class ProductAreaTagger : SlackFeedbackBot.Feedback.IProductAreaTagger
{
    private readonly IReadOnlyList<(string Area, Regex Pattern)> _rules;

    public ProductAreaTagger(IOptions<ProductAreaOptions> options)
        : this(options.Value)
    {
    }

    public ProductAreaTagger(ProductAreaOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _rules = options.Areas
            .Where(rule => !string.IsNullOrWhiteSpace(rule.Id))
            .Select(rule => (rule.Id.Trim(), Compile(rule.Phrases)))
            .Where(rule => rule.Item2 is not null)
            .Select(rule => (rule.Item1, rule.Item2!))
            .ToList();
    }

    public string? Tag(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = FeedbackTextNormalizer.Normalize(text);
        foreach (var (area, pattern) in _rules)
        {
            if (pattern.IsMatch(normalized))
            {
                return area;
            }
        }
        return null;
    }

    // Phrases are normalized the same way as the text, so "Credit-Card" in a rule meets "credit card" in a message.
    private static Regex? Compile(IEnumerable<string> phrases)
    {
        var alternatives = phrases
            .Select(FeedbackTextNormalizer.Normalize)
            .Where(phrase => phrase.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Select(Regex.Escape)
            .ToList();
        return alternatives.Count == 0
            ? null
            : new Regex($@"(?<![\p{{L}}\p{{N}}])(?:{string.Join('|', alternatives)})(?![\p{{L}}\p{{N}}])",
                RegexOptions.CultureInvariant | RegexOptions.Compiled);
    }
}
