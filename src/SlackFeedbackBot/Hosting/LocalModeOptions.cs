using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Configuration;

namespace SlackFeedbackBot.Hosting;

/// <summary>The try-out mode: with no Slack tokens, the bot runs against the built-in Slack emulator.</summary>
public sealed class LocalModeOptions
{
    public const string Section = "LocalMode";

    /// <summary>Start the emulator when no bot token is configured. Off: a missing token is a configuration error.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Port of the emulator's web page and API on 127.0.0.1 (0 = any free port).</summary>
    public int Port { get; set; } = 3939;

    /// <summary>A JSONL file to record the emulator's traffic to (Web API calls, deliveries, acks, response_url posts); none when empty.</summary>
    public string? RecordPath { get; set; }
}

public sealed class LocalModeOptionsValidator : IValidateOptions<LocalModeOptions>
{
    public ValidateOptionsResult Validate(string? name, LocalModeOptions options)
    {
        var checks = new SettingChecks(LocalModeOptions.Section);
        if (options.Port is < 0 or > 65535)
        {
            checks.Add(nameof(LocalModeOptions.Port), $"is {options.Port}; set it to a TCP port from 1 to 65535, or 0 for any free port.");
        }

        return checks.Result();
    }
}
