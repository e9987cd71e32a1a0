using Microsoft.Extensions.DependencyInjection;

namespace SlackFeedbackBot.Digests;

public static class DigestServiceCollectionExtensions
{
    /// <summary>Registers the digest's pure parts: builder, its built-in sections, and the product-area tagger.</summary>
    public static IServiceCollection AddDigests(this IServiceCollection services)
    {
        services.AddOptions<ProductAreaOptions>().BindConfiguration(ProductAreaOptions.SectionName);
        services.AddSingleton<ProductAreaTagger>();
        services.AddSingleton<KeyPhraseGrouper>(_ => new KeyPhraseGrouper());
        foreach (var section in DigestSections.All)
        {
            services.AddSingleton(section);
        }
        services.AddSingleton<DigestBuilder>();
        return services;
    }

    /// <summary>Adds a section to every digest, shown after those registered before it: a new section is this one line.</summary>
    public static IServiceCollection AddDigestSection<TSection>(this IServiceCollection services)
        where TSection : class, IDigestSection
    {
        services.AddSingleton<IDigestSection, TSection>();
        return services;
    }
}
