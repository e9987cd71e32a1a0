using Microsoft.Extensions.Options;
using SlackFeedbackBot.Customers;
using SlackFeedbackBot.Digests;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Observability;
using SlackFeedbackBot.Rotations;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Outbox;
using SlackFeedbackBot.Slack.Transports.SocketMode;
using SlackFeedbackBot.Spotlight;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Hosting;

/// <summary>One settings section the bot binds, with the options class it binds to.</summary>
public abstract record SettingsSection(string Path, Type OptionsType)
{
    /// <summary>Binds and validates the section as the running bot would; one line per problem.</summary>
    public abstract IReadOnlyList<string> Problems(IServiceProvider services);
}

public sealed record SettingsSection<TOptions>(string Path) : SettingsSection(Path, typeof(TOptions))
    where TOptions : class
{
    public override IReadOnlyList<string> Problems(IServiceProvider services)
    {
        try
        {
            // The factory binds and validates afresh, so a value cached by an earlier look cannot hide a problem.
            _ = services.GetRequiredService<IOptionsFactory<TOptions>>().Create(Options.DefaultName);
            return [];
        }
        catch (OptionsValidationException ex)
        {
            return [.. ex.Failures];
        }
        catch (InvalidOperationException ex) when (SettingValues.Explain(ex) is { } line)
        {
            return [line];
        }
    }
}

/// <summary>Every settings section of the bot: what <see cref="ConfigurationCheck"/> checks and docs/configuration.md documents.</summary>
public static class BotSettings
{
    public static readonly IReadOnlyList<SettingsSection> Sections =
    [
        new SettingsSection<SlackOptions>(SlackOptions.Section),
        new SettingsSection<SocketModeOptions>(SocketModeOptions.Section),
        new SettingsSection<SlackApiRetryOptions>(SlackApiRetryOptions.Section),
        new SettingsSection<SlackPostPacingOptions>(SlackPostPacingOptions.Section),
        new SettingsSection<SlackOutboxOptions>(SlackOutboxOptions.Section),
        new SettingsSection<StorageOptions>(StorageOptions.Section),
        new SettingsSection<SecretsOptions>(SecretsOptions.Section),
        new SettingsSection<LocalModeOptions>(LocalModeOptions.Section),
        new SettingsSection<SpotlightOptions>(SpotlightOptions.SectionName),
        new SettingsSection<FeedbackOptions>(FeedbackOptions.Section),
        new SettingsSection<CustomerOptions>(CustomerOptions.Section),
        new SettingsSection<ProductAreaOptions>(ProductAreaOptions.SectionName),
        new SettingsSection<DigestOptions>(DigestOptions.Section),
        new SettingsSection<RotationsOptions>(RotationsOptions.Section),
        new SettingsSection<MetricsOptions>(MetricsOptions.Section),
    ];

    public static SettingsSection? Find(string path) =>
        Sections.FirstOrDefault(s => string.Equals(s.Path, path, StringComparison.OrdinalIgnoreCase));
}
