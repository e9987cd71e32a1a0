using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SlackFeedbackBot.Feedback;

public static class FeedbackStatusRegistration
{
    /// <summary>Statuses: their history, the moves between them, and the list filtered by them.</summary>
    public static IServiceCollection AddFeedbackStatuses(this IServiceCollection services)
    {
        services.TryAddSingleton<FeedbackStatusRepository>();
        services.TryAddSingleton<FeedbackStatusMoves>();
        services.TryAddSingleton<FeedbackItemList>();
        return services;
    }
}
