using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary>One <c>/feedback NAME ...</c> subcommand. <see cref="Usage"/> lines make up the help reply.</summary>
public interface IFeedbackSubcommand
{
    string Name { get; }

    string Usage { get; }

    Task<SlackMessage> RunAsync(SlashCommand command, string arguments, CancellationToken ct);
}

/// <summary>Reads item numbers as people type them: 12, #12.</summary>
public static class ItemNumber
{
    public static bool TryParse(string? text, out long id) =>
        long.TryParse(text?.TrimStart('#'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id) && id > 0;

    /// <summary>Splits "12 rest of it" into the number and the rest.</summary>
    public static bool TrySplit(string arguments, out long id, out string rest)
    {
        var parts = arguments.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        rest = parts.Length > 1 ? parts[1].Trim() : "";
        return TryParse(parts.FirstOrDefault(), out id);
    }
}
