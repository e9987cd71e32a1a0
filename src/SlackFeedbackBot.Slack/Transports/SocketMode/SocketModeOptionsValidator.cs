using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Configuration;

namespace SlackFeedbackBot.Slack.Transports.SocketMode;

/// <summary>Refuses Socket Mode timings that would spin (zero or negative waits) or never notice a dead link.</summary>
public sealed class SocketModeOptionsValidator : IValidateOptions<SocketModeOptions>
{
    public ValidateOptionsResult Validate(string? name, SocketModeOptions options)
    {
        var checks = new SettingChecks(SocketModeOptions.Section);
        checks.Positive(nameof(SocketModeOptions.ReconnectBaseDelay), options.ReconnectBaseDelay, TimeSpan.FromMinutes(10));
        checks.Positive(nameof(SocketModeOptions.ReconnectMaxDelay), options.ReconnectMaxDelay, TimeSpan.FromHours(1));
        if (options.ReconnectMaxDelay > TimeSpan.Zero && options.ReconnectMaxDelay < options.ReconnectBaseDelay)
        {
            checks.Add(nameof(SocketModeOptions.ReconnectMaxDelay), $"({Duration.Format(options.ReconnectMaxDelay)}) is shorter than ReconnectBaseDelay ({Duration.Format(options.ReconnectBaseDelay)}); make it at least as long.");
        }

        checks.Positive(nameof(SocketModeOptions.KeepAliveInterval), options.KeepAliveInterval, TimeSpan.FromMinutes(10));
        checks.Positive(nameof(SocketModeOptions.KeepAliveTimeout), options.KeepAliveTimeout, TimeSpan.FromMinutes(10));
        checks.Positive(nameof(SocketModeOptions.HelloTimeout), options.HelloTimeout, TimeSpan.FromMinutes(10));
        checks.Positive(nameof(SocketModeOptions.CloseTimeout), options.CloseTimeout, TimeSpan.FromMinutes(10));
        checks.Between(nameof(SocketModeOptions.MaxMessageBytes), options.MaxMessageBytes, 64 * 1024, 256 * 1024 * 1024);
        return checks.Result();
    }
}
