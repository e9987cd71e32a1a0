using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.BlockKit;
using SlackFeedbackBot.Slack.Dispatch;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary>Answers a button click: in place of the message when Slack gave a response_url, else by DM.</summary>
public sealed class ClickReplies(ISlackApiClient slack, DirectMessenger messenger)
{
    public async Task ReplyAsync(BlockActionsPayload payload, string text, bool replaceOriginal, CancellationToken ct)
    {
        if (payload.ResponseUrl is { } url)
        {
            await slack.RespondAsync(url, new SlackMessage { Text = text, ReplaceOriginal = replaceOriginal, ResponseType = "ephemeral" }, ct);
        }
        else
        {
            await messenger.SendAsync($"click:{payload.TriggerId ?? Guid.NewGuid().ToString("N")}", payload.User.Id, new SlackMessage { Text = text }, ct);
        }
    }
}

/// <summary>"I'm on it" (action <c>support_ack</c>, value = shift key).</summary>
public sealed class SupportAckAction(ShiftAcknowledgements acknowledgements, ClickReplies replies) : IBlockActionHandler
{
    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken ct)
    {
        var outcome = await acknowledgements.AckAsync(payload.User.Id, action.Value, ct);
        await replies.ReplyAsync(payload, outcome.Text, replaceOriginal: false, ct);
    }
}

/// <summary>Accept on a swap request (value = request id).</summary>
public sealed class SwapAcceptAction(ShiftSwaps swaps, ClickReplies replies) : IBlockActionHandler
{
    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken ct) =>
        await replies.ReplyAsync(payload, await swaps.DecideAsync(payload.User.Id, action.Value, accept: true, ct), replaceOriginal: true, ct);
}

/// <summary>Decline on a swap request (value = request id).</summary>
public sealed class SwapDeclineAction(ShiftSwaps swaps, ClickReplies replies) : IBlockActionHandler
{
    public async Task HandleAsync(BlockActionsPayload payload, BlockAction action, CancellationToken ct) =>
        await replies.ReplyAsync(payload, await swaps.DecideAsync(payload.User.Id, action.Value, accept: false, ct), replaceOriginal: true, ct);
}

/// <summary>
/// The swap form was submitted: inline errors; a warning to confirm when the shift is outside the colleague's hours;
/// or the colleague is asked and the form closes.
/// </summary>
public sealed class SwapSubmission(ShiftSwaps swaps) : IViewSubmissionHandler
{
    public async Task<ViewSubmissionResponse?> HandleAsync(ViewSubmissionPayload submission, CancellationToken ct)
    {
        var values = submission.View.State?.Values;
        var shiftKey = values?.GetValueOrDefault(ShiftSwaps.ShiftBlock)?.GetValueOrDefault(ShiftSwaps.ShiftAction)?.SelectedOption?.Value;
        var colleague = values?.GetValueOrDefault(ShiftSwaps.ColleagueBlock)?.GetValueOrDefault(ShiftSwaps.ColleagueAction)?.SelectedUser;
        var (errors, confirm) = await swaps.CheckAsync(submission.User.Id, shiftKey, colleague, ct);
        if (errors is not null)
        {
            return ViewSubmissionResponse.WithErrors(errors);
        }

        if (confirm is not null)
        {
            return ViewSubmissionResponse.Update(confirm);
        }

        errors = await swaps.RequestAsync(submission.User.Id, shiftKey, colleague, ct);
        return errors is null ? null : ViewSubmissionResponse.WithErrors(errors);
    }
}

/// <summary>"Ask anyway" on the swap form's warning: the colleague is asked, or the form says why not.</summary>
public sealed class SwapConfirmSubmission(ShiftSwaps swaps) : IViewSubmissionHandler
{
    public async Task<ViewSubmissionResponse?> HandleAsync(ViewSubmissionPayload submission, CancellationToken ct)
    {
        var (shiftKey, colleague) = ShiftSwaps.FromConfirmation(submission.View.PrivateMetadata);
        var errors = await swaps.RequestAsync(submission.User.Id, shiftKey, colleague, ct);
        if (errors is null)
        {
            return null;
        }

        return ViewSubmissionResponse.Update(new ModalBuilder("Swap a shift")
            .Close("Close")
            .Add(SupportBlocks.Section($"Nothing was asked: {string.Join(" ", errors.Values)}"))
            .Build());
    }
}
