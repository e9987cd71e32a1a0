using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SlackFeedbackBot.Feedback;

public static class RuleProposalServiceCollectionExtensions
{
    /// <summary>
    /// Rules learnt from reclassifications: the history they are tried on, the proposer, its messages and the offer;
    /// and how they are shown and taken back (<c>/feedback rules</c>).
    /// </summary>
    public static IServiceCollection AddFeedbackRuleProposals(this IServiceCollection services)
    {
        services.TryAddSingleton<FeedbackRuleHistory>();
        services.TryAddSingleton<RuleProposer>();
        services.TryAddSingleton<RuleProposalMessages>();
        services.TryAddSingleton<RuleProposalOffer>();
        services.TryAddSingleton<RuleRemoval>();
        services.TryAddSingleton<RuleRemovalMessages>();
        services.TryAddSingleton<SpotlightRulesMessages>();
        return services;
    }
}
