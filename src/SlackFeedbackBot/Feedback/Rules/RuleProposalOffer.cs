using Microsoft.Extensions.Logging;
using SlackFeedbackBot.Slack.Outbox;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// After a person reclassifies an item, offers the rule that would have put it there, with its dry run, to whoever may
/// accept it: the person, when they are a feedback admin; else every feedback admin. Sent by DM through the outbox
/// (<c>rule-proposal:&lt;item&gt;:&lt;bucket&gt;:&lt;admin&gt;</c>), so handling the request again sends nothing twice.
/// </summary>
public sealed class RuleProposalOffer(RuleProposer proposer, RuleProposalMessages messages, FeedbackAdmins admins, ISlackOutbox outbox, ILogger<RuleProposalOffer> log)
{
    /// <summary>A line for the answer to the reclassification saying where the proposal went, or null when there is none.</summary>
    public async Task<string?> OfferAsync(FeedbackItem item, string reclassifiedBy, CancellationToken ct)
    {
        var proposal = proposer.Propose(item, item.Bucket);
        if (proposal is null)
        {
            return null;
        }

        var isAdmin = await admins.IsAdminAsync(reclassifiedBy, ct);
        var to = isAdmin ? [reclassifiedBy] : await admins.AllAsync(ct);
        if (to.Count == 0)
        {
            log.LogInformation("No feedback admins to offer the rule {Phrase} for {Bucket} to", proposal.Phrase, proposal.Bucket);
            return null;
        }

        var message = messages.Proposal(proposal, item, reclassifiedBy);
        foreach (var admin in to)
        {
            await outbox.EnqueueAsync($"rule-proposal:{item.Id}:{item.Bucket}:{admin}", SlackEffects.DirectMessage(admin, message), ct);
        }

        return isAdmin
            ? $":bulb: I sent you a rule to try: `{proposal.Phrase}` for this bucket, with what it would change."
            : $":bulb: I suggested the rule `{proposal.Phrase}` for this bucket to the feedback admins.";
    }
}
