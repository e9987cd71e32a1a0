using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Configuration;

namespace SlackFeedbackBot.Feedback;

/// <summary>Refuses to start with feedback settings that cannot work, saying which setting and why.</summary>
public sealed partial class FeedbackOptionsValidator : IValidateOptions<FeedbackOptions>
{
    public const int LargestTextLength = 40_000;

    public ValidateOptionsResult Validate(string? name, FeedbackOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(FeedbackOptions.ReactionName(options.CaptureReaction)))
        {
            problems.Add($"{SettingName.Of("Feedback:CaptureReaction")} is empty. Set it to an emoji name such as \"bulb\".");
        }

        if (!Enum.IsDefined(options.ReactionConfirmation))
        {
            problems.Add($"{SettingName.Of("Feedback:ReactionConfirmation")} must be ThreadReply or Reaction.");
        }

        if (options.ReactionConfirmation == ReactionConfirmation.Reaction && string.IsNullOrWhiteSpace(FeedbackOptions.ReactionName(options.ConfirmationReaction)))
        {
            problems.Add($"{SettingName.Of("Feedback:ConfirmationReaction")} is empty. Set it to an emoji name such as \"white_check_mark\".");
        }

        foreach (var channel in options.PassiveChannels.Where(c => !ChannelId().IsMatch(c ?? "")))
        {
            problems.Add($"{SettingName.Of("Feedback:PassiveChannels")} contains \"{channel}\", which is not a channel id (like C0123ABCD; find it under the channel's name > About).");
        }

        if (options.MaxTextLength is < 1 or > LargestTextLength)
        {
            problems.Add($"{SettingName.Of("Feedback:MaxTextLength")} is {options.MaxTextLength}; it must be between 1 and {LargestTextLength}.");
        }

        if (options.FollowUpQuestion && string.IsNullOrWhiteSpace(options.FollowUpText))
        {
            problems.Add($"{SettingName.Of("Feedback:FollowUpText")} is empty while FollowUpQuestion is on. Write the question, or set FollowUpQuestion to false.");
        }

        if (options.Sources.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add($"{SettingName.Of("Feedback:Sources")} contains an empty entry.");
        }
        else if (options.Sources.Any(s => s.Any(char.IsWhiteSpace)))
        {
            problems.Add($"{SettingName.Of("Feedback:Sources")} entries must be single words (they are typed as source:NAME).");
        }

        if (options.CaptureKeyRetention < TimeSpan.FromHours(2) || options.CaptureKeyRetention > TimeSpan.FromDays(365))
        {
            problems.Add($"{SettingName.Of("Feedback:CaptureKeyRetention")} is {Duration.Format(options.CaptureKeyRetention)}; write a duration between 2h and 365d (a request handled again after it would be saved twice).");
        }

        var thresholds = options.Thresholds;
        if (thresholds.ReportCount < 2)
        {
            problems.Add($"{SettingName.Of("Feedback:Thresholds:ReportCount")} is {thresholds.ReportCount}; it must be at least 2.");
        }

        if (thresholds.WithinDays < 1)
        {
            problems.Add($"{SettingName.Of("Feedback:Thresholds:WithinDays")} is {thresholds.WithinDays}; it must be at least 1.");
        }

        if (!string.IsNullOrWhiteSpace(thresholds.AlertChannel) && !ChannelId().IsMatch(thresholds.AlertChannel))
        {
            problems.Add($"{SettingName.Of("Feedback:Thresholds:AlertChannel")} is \"{thresholds.AlertChannel}\", which is not a channel id (like C0123ABCD).");
        }

        if (thresholds.HighValueCustomers.Count > 0 && string.IsNullOrWhiteSpace(thresholds.AlertChannel))
        {
            problems.Add($"{SettingName.Of("Feedback:Thresholds:HighValueCustomers")} is set but AlertChannel is not: set the channel id the alerts should go to.");
        }

        if (thresholds.HighValueCustomers.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add($"{SettingName.Of("Feedback:Thresholds:HighValueCustomers")} contains an empty name.");
        }

        if (options.Issues.MatchThreshold is not (> 0 and <= 1))
        {
            problems.Add($"{SettingName.Of("Feedback:Issues:MatchThreshold")} is {options.Issues.MatchThreshold}; it must be above 0 and at most 1 (default {Issues.IssueMatcher.DefaultThreshold}).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    [GeneratedRegex("^[CGD][A-Z0-9]{2,}$")]
    private static partial Regex ChannelId();
}
