using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace SlackFeedbackBot.Slack.Verification;

public static class SlackVerificationServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISlackRequestVerifier"/> keyed with <see cref="SlackOptions.SigningSecret"/>.
    /// Resolving it without a signing secret throws, so HTTP mode cannot run unverified.
    /// </summary>
    public static IServiceCollection AddSlackRequestVerifier(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ISlackRequestVerifier>(sp =>
            new SlackRequestVerifier(sp.GetRequiredService<IOptions<SlackOptions>>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
