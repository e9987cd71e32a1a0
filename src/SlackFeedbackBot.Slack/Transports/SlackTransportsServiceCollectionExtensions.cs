using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SlackFeedbackBot.Slack.Transports.Http;
using SlackFeedbackBot.Slack.Transports.SocketMode;

namespace SlackFeedbackBot.Slack.Transports;

/// <summary>
/// Registration of the two transports. Both need an <see cref="Inbound.ISlackInboundSink"/> singleton;
/// the HTTP endpoint also needs an <see cref="Verification.ISlackRequestVerifier"/>, Socket Mode an <see cref="Api.ISlackApiClient"/>.
/// </summary>
public static class SlackTransportsServiceCollectionExtensions
{
    /// <summary>
    /// Both transports plus the start-up check of <see cref="SlackOptions"/> (binding the options stays with the caller).
    /// Map the HTTP endpoint with <see cref="SlackEventsEndpointRouteBuilderExtensions.MapSlackEvents"/> when Slack:Mode is Http;
    /// the Socket Mode client only connects when Slack:Mode is Socket.
    /// </summary>
    public static IServiceCollection AddSlackTransports(this IServiceCollection services) =>
        services.AddSlackOptionsValidation().AddSlackHttpEndpoint().AddSlackSocketMode();

    /// <summary>Fails start-up with a message naming the missing setting (and its environment variable).</summary>
    public static IServiceCollection AddSlackOptionsValidation(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>());
        services.AddOptions<SlackOptions>().ValidateOnStart();
        return services;
    }

    public static IServiceCollection AddSlackHttpEndpoint(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SlackEventsEndpoint>();
        return services;
    }

    /// <summary>The Socket Mode hosted service, its timings (section Slack:SocketMode) and <see cref="ISocketModeStatus"/>.</summary>
    public static IServiceCollection AddSlackSocketMode(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<SocketModeOptions>().BindConfiguration(SocketModeOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SocketModeOptions>, SocketModeOptionsValidator>());
        services.AddMetrics();
        services.TryAddSingleton<SocketModeMetrics>();
        services.TryAddSingleton<SocketModeClient>();
        services.TryAddSingleton<ISocketModeStatus>(provider => provider.GetRequiredService<SocketModeClient>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SocketModeClient>(provider => provider.GetRequiredService<SocketModeClient>()));
        return services;
    }
}
