using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SlackFeedbackBot.Slack.Api;

public static class SlackApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISlackApiClient"/> on a named HttpClient with the Slack resilience pipeline
    /// (<see cref="SlackResiliencePipeline"/>) and per-channel post pacing. Expects <c>IOptions&lt;SlackOptions&gt;</c>
    /// to be registered; <see cref="SlackApiRetryOptions"/> and <see cref="SlackPostPacingOptions"/> default sensibly and
    /// can be bound from <see cref="SlackApiRetryOptions.Section"/> / <see cref="SlackPostPacingOptions.Section"/>.
    /// </summary>
    public static IServiceCollection AddSlackApiClient(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SlackApiRetryOptions>().ValidateDataAnnotations();
        services.AddOptions<SlackPostPacingOptions>();

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

        services.TryAddSingleton<ChannelPostPacer>();
        services.TryAddSingleton<ISlackApiClient, SlackApiClient>();
        return services;
    }
}
