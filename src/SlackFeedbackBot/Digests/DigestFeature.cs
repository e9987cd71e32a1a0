using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Outbox;

namespace SlackFeedbackBot.Digests;

public static class DigestFeature
{
    /// <summary>
    /// Digest reports to channels (section <c>Digests</c>, validated at start): subscriptions from configuration and from
    /// <c>/feedback digest</c>, one Quartz cron trigger each, the posting job, the sources the sections load from, and product-area tagging on capture.
    /// </summary>
    public static SlackHandlerBuilder AddDigestFeature(this SlackHandlerBuilder slack, IConfiguration configuration)
    {
        var services = slack.Services;
        services.AddDigests();
        services.AddOptions<DigestOptions>().Bind(configuration.GetSection(DigestOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DigestOptions>, DigestOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DigestSubscriptionRepository>();
        services.TryAddSingleton<DigestSubscriptionRules>();
        services.TryAddSingleton<DigestScheduler>();
        services.TryAddSingleton<DigestSubscriptions>();
        services.TryAddSingleton<DigestBucketCatalog>();
        services.TryAddSingleton<FeedbackDigestQueries>();
        services.TryAddSingleton<Rotations.RotationDigestQueries>();
        services.TryAddSingleton<DigestSources>();
        services.TryAddSingleton<DigestPeopleNames>();
        services.TryAddSingleton<DigestQuietPeople>();
        services.TryAddSingleton<DigestPeople>();
        services.TryAddSingleton<ICustomerContactLookup, NoCustomerContactLookup>();
        services.TryAddSingleton<DigestPublisher>();
        services.AddOutboxTaskHandler<DigestPost>();
        // Feedback stores the area on capture; the digests' keyword rules are what find it.
        services.RemoveAll<IProductAreaTagger>();
        services.AddSingleton<IProductAreaTagger>(sp => sp.GetRequiredService<ProductAreaTagger>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IFeedbackCaptureHook, ProductAreaCaptureHook>());
        services.RemoveAll<IProductAreaOwners>();
        services.AddSingleton<IProductAreaOwners, ProductAreaOwners>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IFeedbackSubcommand, DigestSubcommand>());
        services.AddHostedService<DeclaredDigestSubscriptions>();
        services.AddQuartz(q => q.AddJob<DigestJob>(j => j.WithIdentity(DigestScheduler.Job).StoreDurably()));
        return slack;
    }
}
