using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.BlockKit;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback.Issues;

/// <summary>
/// The answer to "Looks like #12": *Same issue* merges the new item into it, *Different* remembers that they are not the
/// same so the pair is never offered again. Either may be given by the item's own reporters and by whoever may
/// reclassify it. The answer replaces the offer where it was (a message, or the form that was just saved); on the Home
/// tab's suggested merges it opens in a small modal and the Home tab is published again.
/// </summary>
public sealed class IssueOfferAnswers(IssueMerges merges, IssueRepository issues, FeedbackPermissions permissions, FeedbackHomeClicks home, ISlackApiClient slack, TimeProvider time)
{
    public async Task AnswerAsync(BlockActionsPayload payload, BlockAction action, bool same, CancellationToken ct)
    {
        var text = await DecideAsync(payload.User.Id, action.Value, same, ct);
        if (payload.View is { Type: "home" })
        {
            await home.ShowAsync(payload, text, ct);
            await home.RefreshAsync(payload.User.Id, $"issue:{action.Value}:{(same ? "same" : "different")}", ct);
        }
        else if (payload.ResponseUrl is { } url)
        {
            await slack.RespondAsync(url, new MessageBuilder().Text(text).Section(text).ReplaceOriginal().Build(), ct);
        }
        else if (payload.View?.Id is { } viewId)
        {
            await slack.UpdateViewAsync(viewId, new ModalBuilder("Feedback saved").Close("Done").CallbackId("feedback_saved").Section(text).Build(), null, ct);
        }
    }

    private async Task<string> DecideAsync(string userId, string? value, bool same, CancellationToken ct)
    {
        if (!IssueOfferBlocks.TryRead(value, out var itemId, out var issueId))
        {
            return "This button no longer knows its items; use `/feedback merge 23 into 12`.";
        }

        if (await permissions.RefusalAsync(itemId, userId, "merge", ct) is { } refusal)
        {
            return refusal;
        }

        if (!same)
        {
            issues.AnswerOffer(itemId, issueId, IssueAnswers.Different, userId, time.GetUtcNow());
            return $":ok_hand: Noted: feedback #{itemId} is not the same issue as #{issueId}. I won't suggest them together again.";
        }

        var outcome = await merges.MergeAsync(itemId, issueId, userId, ct);
        if (outcome.Problem is not null)
        {
            return outcome.Problem;
        }

        var size = issues.Size(outcome.RootId);
        return outcome.AlreadyRecorded
            ? $"Feedback #{itemId} is part of #{outcome.RootId} already ({IssueOfferBlocks.Size(size)})."
            : $":link: Feedback #{itemId} is now part of #{outcome.RootId} ({IssueOfferBlocks.Size(size)}), merged by <@{userId}>. Undo with `/feedback unmerge {itemId}`.";
    }
}

/// <summary>*Same issue* on a "Looks like #12" offer.</summary>
public sealed class SameIssueAction(IssueOfferAnswers answers) : IBlockActionHandler
{
    public Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken ct) => answers.AnswerAsync(payload, action, same: true, ct);
}

/// <summary>*Different* on a "Looks like #12" offer.</summary>
public sealed class DifferentIssueAction(IssueOfferAnswers answers) : IBlockActionHandler
{
    public Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken ct) => answers.AnswerAsync(payload, action, same: false, ct);
}
