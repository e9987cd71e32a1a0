using Microsoft.Extensions.Options;

namespace SlackFeedbackBot.Slack.Configuration;

/// <summary>
/// Collects the problems of one settings section as one line each: the setting with its environment variable, what is
/// wrong and what to write instead. Values are shown only for settings that are not secrets.
/// </summary>
public sealed class SettingChecks(string section)
{
    private readonly List<string> _problems = [];

    public IReadOnlyList<string> Problems => _problems;

    public string Path(string key) => $"{section}:{key}";

    /// <summary>"Slack:Mode (Slack__Mode) {problem}".</summary>
    public void Add(string key, string problem) => _problems.Add($"{SettingName.Of(Path(key))} {problem}");

    public void Between(string key, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            Add(key, $"is {value}; set it to a whole number from {min} to {max}.");
        }
    }

    /// <summary>A duration from <paramref name="min"/> to <paramref name="max"/>, both included.</summary>
    public void Between(string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            Add(key, $"is {Duration.Format(value)}; set it to a duration from {Duration.Format(min)} to {Duration.Format(max)}, e.g. {Duration.Format(Example(min, max))}.");
        }
    }

    /// <summary>A duration longer than zero, up to <paramref name="max"/>.</summary>
    public void Positive(string key, TimeSpan value, TimeSpan max)
    {
        if (value <= TimeSpan.Zero || value > max)
        {
            Add(key, $"is {Duration.Format(value)}; set it to a duration longer than 0 and at most {Duration.Format(max)}, e.g. {Duration.Format(Example(TimeSpan.Zero, max))}.");
        }
    }

    public ValidateOptionsResult Result() => _problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_problems);

    private static TimeSpan Example(TimeSpan min, TimeSpan max)
    {
        foreach (var candidate in new[] { TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(500), TimeSpan.FromMinutes(1), TimeSpan.FromHours(1) })
        {
            if (candidate > min && candidate <= max)
            {
                return candidate;
            }
        }

        return max;
    }
}
