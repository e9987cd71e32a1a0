using System.Text.RegularExpressions;
using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// Context typed inline with the feedback: <c>customer:Acme</c>, <c>customer:"Big Co"</c>, <c>source:sales</c>,
/// <c>importance:high</c>, <c>link:https://...</c>, <c>why:"they close their books with it"</c>. Straight and curly quotes
/// both work (Slack clients curl them). Why it matters is rarely one word, so an unquoted <c>why:</c> takes everything
/// after it up to the next field or the end: <c>/feedback Can I export to Excel? why: their accountant needs it monthly</c>.
/// The input is a slash command's text as Slack sends it; text and fields come out as the person typed them.
/// A <c>link:</c> that is not an http(s) address is left out, never the feedback: <see cref="RefusedLink"/> says so.
/// </summary>
public sealed partial record InlineFields(string Text, string? Customer, string? Source, string? Importance, string? Link, string? Error)
{
    public static readonly IReadOnlyList<string> Keys = ["customer", "source", "importance", "link", "why"];

    /// <summary>Why it matters to the customer, in the reporter's words (<c>why:</c>); null when not given.</summary>
    public string? Why { get; init; }

    public const string LinkAccepted = "`link:` takes a web address starting with http:// or https://, like `link:https://tickets.example.com/123`";

    /// <summary>A <c>link:</c> value that was not a web address, so it was not kept; null when there was none.</summary>
    public string? RefusedLink { get; init; }

    /// <summary>What to tell the person about <see cref="RefusedLink"/>; null when all is well.</summary>
    public string? LinkNotice => RefusedLink is null ? null : $"The link was not saved: {LinkAccepted}. Add it with *Add details*.";

    public static InlineFields Parse(string input)
    {
        input = SlackCommandText.AsTyped(input);
        string? customer = null, source = null, importance = null, link = null;
        var unclosed = Unclosed().Match(input);
        if (unclosed.Success)
        {
            return new InlineFields(input.Trim(), null, null, null, null,
                $"The quote after {unclosed.Groups["key"].Value.ToLowerInvariant()}: is not closed. Write it like customer:\"Big Co\".");
        }

        string? why = null;
        input = WhyField().Replace(input, match =>
        {
            why = (match.Groups["q"].Success ? match.Groups["q"].Value : match.Groups["v"].Value).Trim();
            return "";
        });

        var rest = Field().Replace(input, match =>
        {
            var value = match.Groups["q"].Success ? match.Groups["q"].Value : match.Groups["v"].Value;
            value = value.Trim();
            switch (match.Groups["key"].Value.ToLowerInvariant())
            {
                case "customer":
                case "account":
                    customer = value;
                    break;
                case "source":
                    source = value.ToLowerInvariant();
                    break;
                case "importance":
                    importance = value.ToLowerInvariant();
                    break;
                case "link":
                    link = value;
                    break;
            }

            return "";
        });

        link = Empty(link);
        var refused = link is not null && !SlackText.IsWebUrl(link) ? link : null;
        return new InlineFields(Spaces().Replace(rest, " ").Trim(), Empty(customer), Empty(source), Empty(importance), refused is null ? link : null, null)
        {
            RefusedLink = refused,
            Why = Empty(why),
        };
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    [GeneratedRegex("""(?<=^|\s)(?<key>customer|account|source|importance|link):(?:"(?<q>[^"]*)"|“(?<q>[^”]*)”|(?<v>[^\s"“”]+))""", RegexOptions.IgnoreCase)]
    private static partial Regex Field();

    // Quoted like the other fields, or unquoted up to the next field (or the end), line breaks included.
    [GeneratedRegex("""(?<=^|\s)why:(?:\s*"(?<q>[^"]*)"|\s*“(?<q>[^”]*)”|(?<v>(?:(?!\s(?:customer|account|source|importance|link|why):)[\s\S])+))""", RegexOptions.IgnoreCase)]
    private static partial Regex WhyField();

    [GeneratedRegex("""(?<=^|\s)(?:(?<key>customer|account|source|importance|link):|(?<key>why):\s*)["“](?![^"”]*["”])""", RegexOptions.IgnoreCase)]
    private static partial Regex Unclosed();

    [GeneratedRegex("""[ \t]{2,}""")]
    private static partial Regex Spaces();
}
