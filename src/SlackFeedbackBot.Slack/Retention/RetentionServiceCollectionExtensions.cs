using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SlackFeedbackBot.Slack.Retention;

public static class RetentionServiceCollectionExtensions
{
    /// <summary>The one sweep (started with the host); <see cref="AddRetentionPurge{T}"/> gives it what to purge.</summary>
    public static IServiceCollection AddRetentionSweep(this IServiceCollection services)
    {
        services.AddSingleton<RetentionSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionSweep>());
        return services;
    }

    /// <summary>Adds a kind of row for the <see cref="RetentionSweep"/> to purge, in one line.</summary>
    public static IServiceCollection AddRetentionPurge<T>(this IServiceCollection services)
        where T : class, IRetentionPurge
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRetentionPurge, T>());
        return services;
    }
}
