using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Spotlight;

public static class SpotlightServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="SpotlightOptions"/> from the "Spotlight" section (validated at start) and registers the
    /// compiled classifier as a singleton (<see cref="SpotlightRuleSet"/>: the configured rules plus those added in Slack,
    /// read from the bot's database when there is one), together with <see cref="SpotlightCli"/> and the refresh that
    /// reads the added rules again every minute (<see cref="SpotlightRuleRefresh"/>).
    /// </summary>
    public static IServiceCollection AddSpotlight(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SpotlightOptions>()
            .Bind(configuration.GetSection(SpotlightOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SpotlightOptions>, SpotlightOptionsValidator>());
        services.TryAddSingleton(sp => new SpotlightRuleSet(
            sp.GetRequiredService<IOptions<SpotlightOptions>>().Value,
            () => sp.GetService<Database>() is { } database ? new SpotlightRuleStore(database) : null,
            sp.GetService<ILogger<SpotlightRuleSet>>()));
        services.TryAddSingleton<ISpotlightClassifier>(sp => sp.GetRequiredService<SpotlightRuleSet>());
        services.TryAddSingleton<SpotlightCli>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SpotlightRuleRefresh>());
        return services;
    }
}
