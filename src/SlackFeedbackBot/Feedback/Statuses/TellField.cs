using System.Text.RegularExpressions;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// <c>tell:yes</c> or <c>tell:no</c> typed anywhere in a status move, in the style of the capture's inline fields
/// (<see cref="InlineFields"/>): whether the item's reporters hear of the move. Absent, the status decides
/// (<see cref="DefaultFor"/>).
/// </summary>
public sealed partial record TellField(string Text, bool? Tell, string? Error)
{
    public const string Usage = "`tell:yes` or `tell:no`";

    public static TellField Parse(string text)
    {
        bool? tell = null;
        string? error = null;
        var rest = Field().Replace(text, match =>
        {
            switch (match.Groups["v"].Value.ToLowerInvariant())
            {
                case "yes" or "y" or "true":
                    tell = true;
                    break;
                case "no" or "n" or "false":
                    tell = false;
                    break;
                default:
                    error = $"`tell:` takes yes or no ({Usage}), not `{SlackText.Defuse(match.Groups["v"].Value)}`.";
                    break;
            }

            return "";
        });

        return new TellField(Spaces().Replace(rest, " ").Trim(), tell, error);
    }

    /// <summary>Reporters hear by default when their issue is resolved or declined for now, not when it is only planned or reopened.</summary>
    public static bool DefaultFor(string status) => status is FeedbackStatus.Resolved or FeedbackStatus.NotYet;

    [GeneratedRegex("""(?<=^|\s)tell:(?<v>\S*)""", RegexOptions.IgnoreCase)]
    private static partial Regex Field();

    [GeneratedRegex("""[ \t]{2,}""")]
    private static partial Regex Spaces();
}
