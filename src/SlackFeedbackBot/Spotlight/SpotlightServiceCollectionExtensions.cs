using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SlackFeedbackBot.Spotlight;

public static class SpotlightServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="SpotlightOptions"/> from the "Spotlight" section (validated at start) and registers the
    /// compiled classifier as a singleton, together with <see cref="SpotlightCli"/>.
    /// </summary>
    public static IServiceCollection AddSpotlight(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SpotlightOptions>()
            .Bind(configuration.GetSection(SpotlightOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SpotlightOptions>, SpotlightOptionsValidator>());
        services.TryAddSingleton<ISpotlightClassifier>(sp =>
            new SpotlightClassifier(sp.GetRequiredService<IOptions<SpotlightOptions>>().Value));
        services.TryAddSingleton<SpotlightCli>();
        return services;
    }
}
