using Microsoft.Extensions.DependencyInjection;

namespace SlackFeedbackBot.Digests;

public static class DigestServiceCollectionExtensions
{
    /// <summary>Registers the digest's pure parts: builder, renderers, chart and the product-area tagger.</summary>
    public static IServiceCollection AddDigests(this IServiceCollection services)
    {
        services.AddOptions<ProductAreaOptions>().BindConfiguration(ProductAreaOptions.SectionName);
        services.AddSingleton<ProductAreaTagger>();
        services.AddSingleton<KeyPhraseGrouper>(_ => new KeyPhraseGrouper());
        services.AddSingleton<DigestBuilder>();
        return services;
    }
}
