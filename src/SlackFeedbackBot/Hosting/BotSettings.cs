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

    /// <summary>
    /// Makes <c>IOptions&lt;TOptions&gt;</c> hand out the options monitor's value, which the check leaves in place, so
    /// that the section is bound and validated once at start instead of once more for the start-up validation and
    /// once more for the first reader.
    /// </summary>
    public abstract void ReadOnce(IServiceCollection services);
}

public sealed record SettingsSection<TOptions>(string Path) : SettingsSection(Path, typeof(TOptions))
    where TOptions : class
{
    public override IReadOnlyList<string> Problems(IServiceProvider services)
    {
        try
        {
            // The factory binds and validates afresh, so a value cached by an earlier look cannot hide a problem.
            var checkedValue = services.GetRequiredService<IOptionsFactory<TOptions>>().Create(Options.DefaultName);
            // The running bot then reads this value (ReadOnce) instead of binding and validating the section again.
            var cache = services.GetRequiredService<IOptionsMonitorCache<TOptions>>();
            cache.TryRemove(Options.DefaultName);
            cache.TryAdd(Options.DefaultName, checkedValue);
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

    public override void ReadOnce(IServiceCollection services) =>
        services.AddSingleton<IOptions<TOptions>>(sp => Options.Create(sp.GetRequiredService<IOptionsMonitor<TOptions>>().CurrentValue));
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

    /// <summary>Each section is bound and validated once at start: by the check, whose values the bot then reads.</summary>
    public static IServiceCollection ReadSettingsOnce(this IServiceCollection services)
    {
        foreach (var section in Sections)
        {
            section.ReadOnce(services);
        }

        return services;
    }

    public static SettingsSection? Find(string path) =>
        Sections.FirstOrDefault(s => string.Equals(s.Path, path, StringComparison.OrdinalIgnoreCase));
}
