using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SlackFeedbackBot.Feedback;

public static class RuleProposalServiceCollectionExtensions
{
    /// <summary>Rules learnt from reclassifications: the history they are tried on, the proposer, its messages and the offer.</summary>
    public static IServiceCollection AddFeedbackRuleProposals(this IServiceCollection services)
    {
        services.TryAddSingleton<FeedbackRuleHistory>();
        services.TryAddSingleton<RuleProposer>();
        services.TryAddSingleton<RuleProposalMessages>();
        services.TryAddSingleton<RuleProposalOffer>();
        return services;
    }
}
