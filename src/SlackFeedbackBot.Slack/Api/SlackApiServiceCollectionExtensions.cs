using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace SlackFeedbackBot.Slack.Api;

public static class SlackApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISlackApiClient"/> on a named HttpClient with the Slack resilience pipeline
    /// (<see cref="SlackResiliencePipeline"/>) and per-channel post pacing. Expects <c>IOptions&lt;SlackOptions&gt;</c>
    /// to be registered; <see cref="SlackApiRetryOptions"/> and <see cref="SlackPostPacingOptions"/> default sensibly and
    /// are bound by <see cref="Hosting.SlackServiceCollectionExtensions.AddSlack"/> from <see cref="SlackApiRetryOptions.Section"/> / <see cref="SlackPostPacingOptions.Section"/>.
    /// </summary>
    public static IServiceCollection AddSlackApiClient(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SlackApiRetryOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackApiRetryOptions>, SlackApiRetryOptionsValidator>());
        services.AddOptions<SlackPostPacingOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackPostPacingOptions>, SlackPostPacingOptionsValidator>());

        services.AddHttpClient(SlackApiClient.HttpClientName)
            // The default HttpClient logs print request URLs, and response_url / upload_url are secrets.
            .RemoveAllLoggers()
            .AddResilienceHandler("slack", (builder, context) =>
            {
                var provider = context.ServiceProvider;
                builder.TimeProvider = provider.GetRequiredService<TimeProvider>();
                SlackResiliencePipeline.Configure(
                    builder,
                    provider.GetRequiredService<IOptions<SlackApiRetryOptions>>().Value,
                    provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SlackResiliencePipeline).FullName!));
            });

        // Appended after every other configuration of the client, so it stays innermost (below the retries) even when a
        // host swaps the resilience handler later.
        services.AddMetrics();
        services.TryAddSingleton<SlackApiMetrics>();
        services.PostConfigure<HttpClientFactoryOptions>(SlackApiClient.HttpClientName, o => o.HttpMessageHandlerBuilderActions.Add(
            handlers => handlers.AdditionalHandlers.Add(new SlackApiMetrics.RateLimitCounter(handlers.Services.GetRequiredService<SlackApiMetrics>()))));

        services.TryAddSingleton<ChannelPostPacer>();
        services.TryAddSingleton<SlackApiObserver>();
        services.TryAddSingleton<ISlackApiClient, SlackApiClient>();
        services.TryAddSingleton<Directory.WorkspaceDirectory>();
        services.TryAddSingleton<Directory.IPersonNames, Directory.WorkspacePersonNames>();
        return services;
    }

    /// <summary>
    /// Replaces the retries with one attempt of at most <paramref name="attemptTimeout"/>: for a one-shot check that
    /// must say at once that Slack cannot be reached, rather than ride the outage out like the running bot.
    /// </summary>
    public static IServiceCollection UseSlackApiWithoutRetries(this IServiceCollection services, TimeSpan attemptTimeout)
    {
#pragma warning disable EXTEXP0001 // The one way to swap a named client's resilience handler; the doctor needs no retries.
        services.AddHttpClient(SlackApiClient.HttpClientName)
            .RemoveAllResilienceHandlers()
#pragma warning restore EXTEXP0001
            .AddResilienceHandler("slack-once", builder => builder.AddTimeout(attemptTimeout));
        return services;
    }
}
