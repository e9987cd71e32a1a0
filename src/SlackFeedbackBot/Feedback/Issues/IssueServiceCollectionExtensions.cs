using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SlackFeedbackBot.Feedback.Issues;

public static class IssueServiceCollectionExtensions
{
    /// <summary>Issues: the matcher, merges and their history, the offers and the merge/unmerge subcommands.</summary>
    public static IServiceCollection AddFeedbackIssues(this IServiceCollection services)
    {
        services.TryAddSingleton<IssueRepository>();
        services.TryAddSingleton<IssueMatcher>();
        services.TryAddSingleton<IssueMerges>();
        services.TryAddSingleton<IssueOfferAnswers>();
        services.TryAddSingleton<IssueSuggestions>();
        services.TryAddSingleton<IssueView>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IFeedbackSubcommand, MergeSubcommand>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IFeedbackSubcommand, UnmergeSubcommand>());
        return services;
    }
}
